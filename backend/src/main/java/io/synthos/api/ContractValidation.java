package io.synthos.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.handler.InputTrustHandler;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaValidationException;
import io.vertx.json.schema.OutputErrorType;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.common.dsl.SchemaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.contract.Style;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.ValidatedRequest;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.openapi.validation.impl.RequestParameterImpl;
import io.vertx.openapi.validation.impl.RequestValidatorImpl;
import io.vertx.openapi.validation.impl.ValidatedRequestImpl;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates every request against the contract, in place of the router's own validation step.
 * vertx-openapi 5.0.7 builds a fresh JSON-schema validator (copying the contract's whole schema
 * map) for every parameter of every request and hops to an ordered worker for each request; that
 * was most of an authenticated read's CPU. Here each schema's validator is built once ({@link
 * CachedSchemas}) and small requests are checked on the event loop, where checking a path id or a
 * few query parameters takes microseconds. Bodies above {@link #INLINE_BODY_BYTES} still go to a
 * worker. The outcome is the library's: the same {@link ValidatedRequest}, the same 400s.
 */
final class ContractValidation {

  private static final Pattern CANONICAL_UUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private static final String NOT_A_UUID = "Not a UUID of the form 8-4-4-4-12 hexadecimal digits";

  /** Schema keywords that describe a value and constrain nothing. */
  private static final Set<String> ANNOTATIONS =
      Set.of("description", "example", "examples", "title", "deprecated", "$comment");

  /** Above this a body is validated on a worker thread rather than the event loop. */
  static final int INLINE_BODY_BYTES = 64 * 1024;

  private ContractValidation() {}

  /**
   * Turns off the router's validation and puts this one first on every operation's route, except
   * the {@code streaming} ones: their handlers read and check the body as it arrives.
   */
  static void install(
      Vertx vertx,
      RouterBuilder builder,
      OpenAPIContract contract,
      RequestExtractor extractor,
      Set<String> streaming) {
    Validator validator = new Validator(vertx, CachedSchemas.over(contract));
    builder
        .getRoutes()
        .forEach(
            route -> {
              Operation operation = route.getOperation();
              route.setDoValidation(false);
              if (streaming.contains(operation.getOperationId())) {
                return;
              }
              route.addHandler(validating(extractor, validator, operation));
            });
  }

  /** Checks one operation's requests and leaves the result where handlers look for it. */
  private static InputTrustHandler validating(
      RequestExtractor extractor, Validator validator, Operation operation) {
    return rc ->
        extractor
            .extractValidatableRequest(rc, operation)
            .compose(request -> validator.validate(request, operation))
            .onSuccess(
                validated -> {
                  rc.put(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST, validated);
                  rc.next();
                })
            .onFailure(
                failure ->
                    rc.fail(
                        failure instanceof ValidatorException
                            ? new HttpException(400, failure.getMessage(), failure)
                            : failure));
  }

  /** The library's request validator, run inline for small requests. */
  private static final class Validator extends RequestValidatorImpl {

    Validator(Vertx vertx, OpenAPIContract contract) {
      super(vertx, contract);
    }

    Future<ValidatedRequest> validate(ValidatableRequest request, Operation operation) {
      if (bodyBytes(request) > INLINE_BODY_BYTES) {
        return vertx.executeBlocking(() -> check(request, operation), false);
      }
      try {
        return Future.succeededFuture(check(request, operation));
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
    }

    /**
     * A string parameter's value is its text. The library's transformer first parses any value with
     * a character outside {@code \w} (a UUID's '-') as JSON, which throws, and then parses it again
     * in quotes: an exception and two parses for every id in a path. A UUID is checked against its
     * canonical form, which is also all that {@link java.util.UUID#fromString} in the handlers
     * reads right: the schema's {@code format: uuid} also lets {@code urn:uuid:…} through.
     */
    @Override
    public RequestParameter validateParameter(Parameter parameter, RequestParameter value) {
      if (value == null || value.isNull() || !plainString(parameter)) {
        return super.validateParameter(parameter, value);
      }
      String text = String.valueOf(value.get());
      if (onlyUuid(parameter.getSchema())) {
        if (CANONICAL_UUID.matcher(text).matches()) {
          return new RequestParameterImpl(text);
        }
        validateText(parameter, text); // the library's own answer to what it refuses too
        OutputUnit notUuid =
            new OutputUnit(false)
                .addError(
                    new OutputUnit(
                        "#", "#/format", "#/format", NOT_A_UUID, OutputErrorType.INVALID_VALUE));
        throw SchemaValidationException.createInvalidValueParameter(
            parameter,
            notUuid,
            new JsonSchemaValidationException(
                NOT_A_UUID, null, "#", OutputErrorType.INVALID_VALUE));
      }
      validateText(parameter, text);
      return new RequestParameterImpl(text);
    }

    private void validateText(Parameter parameter, String text) {
      OutputUnit result =
          contract.getSchemaRepository().validator(parameter.getSchema()).validate(text);
      try {
        result.checkValidity();
      } catch (JsonSchemaValidationException e) {
        throw SchemaValidationException.createErrorFromOutputUnitType(parameter, result, e);
      }
    }

    /** {@code {type: string, format: uuid}}, with nothing but annotations besides. */
    private static boolean onlyUuid(JsonSchema schema) {
      return "uuid".equals(schema.get("format"))
          && ANNOTATIONS.containsAll(
              schema.fieldNames().stream()
                  .filter(name -> !name.equals("type") && !name.equals("format"))
                  .toList());
    }

    /** Simple and form styles differ only for arrays and objects. */
    private static boolean plainString(Parameter parameter) {
      return parameter.getSchemaType() == SchemaType.STRING
          && (parameter.getStyle() == Style.SIMPLE || parameter.getStyle() == Style.FORM);
    }

    private static int bodyBytes(ValidatableRequest request) {
      RequestParameter body = request.getBody();
      return body == null || body.isEmpty() ? 0 : body.getBuffer(Buffer.buffer()).length();
    }

    /** What {@link RequestValidatorImpl#validate(ValidatableRequest, String)} does, in place. */
    private ValidatedRequest check(ValidatableRequest request, Operation operation) {
      Map<String, RequestParameter> cookies = new HashMap<>();
      Map<String, RequestParameter> headers = new HashMap<>();
      Map<String, RequestParameter> path = new HashMap<>();
      Map<String, RequestParameter> query = new HashMap<>();
      for (Parameter parameter : operation.getParameters()) {
        String name = parameter.getName();
        switch (parameter.getIn()) {
          case COOKIE ->
              cookies.put(name, validateParameter(parameter, request.getCookies().get(name)));
          case HEADER ->
              headers.put(name, validateParameter(parameter, request.getHeaders().get(name)));
          case PATH ->
              path.put(name, validateParameter(parameter, request.getPathParameters().get(name)));
          case QUERY -> query.put(name, validateParameter(parameter, request.getQuery().get(name)));
        }
      }
      RequestParameter body = validateBody(operation.getRequestBody(), request);
      return new ValidatedRequestImpl(cookies, headers, path, query, body);
    }
  }
}
