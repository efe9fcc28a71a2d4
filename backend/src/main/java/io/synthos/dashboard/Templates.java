package io.synthos.dashboard;

import java.util.Locale;
import java.util.Map;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The dashboard's Thymeleaf pages ({@code templates/dashboard*.html}), parsed once and cached;
 * every value is escaped. Rendering is CPU work of a millisecond or two, fine on the event loop.
 */
final class Templates {

  static final String DASHBOARD = "dashboard";
  static final String LOGIN = "dashboard-login";
  static final String FORBIDDEN = "dashboard-forbidden";

  private final TemplateEngine engine = new TemplateEngine();

  Templates() {
    ClassLoaderTemplateResolver resolver =
        new ClassLoaderTemplateResolver(Templates.class.getClassLoader());
    resolver.setPrefix("templates/");
    resolver.setSuffix(".html");
    resolver.setTemplateMode(TemplateMode.HTML);
    resolver.setCharacterEncoding("UTF-8");
    resolver.setCacheable(true);
    engine.setTemplateResolver(resolver);
  }

  String render(String template, Map<String, Object> variables) {
    Context context = new Context(Locale.ROOT);
    context.setVariables(variables);
    return engine.process(template, context);
  }
}
