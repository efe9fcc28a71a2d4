package io.synthos.api.accounts;

import io.synthos.api.Requests;
import io.synthos.auth.Account;
import io.synthos.auth.AuthClient;
import io.synthos.auth.TokenPair;
import io.synthos.platform.http.PageRequest;
import io.synthos.platform.http.SecurityHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.UUID;

/**
 * The accounts resource: register, log in, refresh, log out, change the password, the caller's
 * account and API keys. It owns no table: every route asks the auth verticle.
 */
public final class AccountRoutes {

  private final AuthClient auth;

  public AccountRoutes(AuthClient auth) {
    this.auth = auth;
  }

  public void mount(RouterBuilder builder) {
    builder.getRoute("register").addHandler(this::register);
    builder.getRoute("login").addHandler(this::login);
    builder.getRoute("refresh").addHandler(this::refresh);
    builder.getRoute("logout").addHandler(this::logout);
    builder.getRoute("changePassword").addHandler(this::changePassword);
    builder.getRoute("getMe").addHandler(this::me);
    builder.getRoute("createApiKey").addHandler(this::createApiKey);
    builder.getRoute("listApiKeys").addHandler(this::listApiKeys);
    builder.getRoute("revokeApiKey").addHandler(this::revokeApiKey);
  }

  private void register(RoutingContext rc) {
    JsonObject body = Requests.body(rc);
    auth.register(
            body.getString("email"),
            body.getString("password"),
            body.getString("name"),
            Requests.clientIp(rc))
        .onSuccess(account -> send(rc, 201, account.toJson()))
        .onFailure(rc::fail);
  }

  private void login(RoutingContext rc) {
    JsonObject body = Requests.body(rc);
    auth.login(body.getString("email"), body.getString("password"), Requests.clientIp(rc))
        .map(TokenPair::toJson)
        .onSuccess(pair -> send(rc, 200, pair))
        .onFailure(rc::fail);
  }

  private void refresh(RoutingContext rc) {
    auth.refresh(Requests.body(rc).getString("refresh_token"), Requests.clientIp(rc))
        .map(TokenPair::toJson)
        .onSuccess(pair -> send(rc, 200, pair))
        .onFailure(rc::fail);
  }

  private void logout(RoutingContext rc) {
    auth.logout(Requests.caller(rc), Requests.body(rc).getString("refresh_token"))
        .onSuccess(done -> rc.response().setStatusCode(204).end())
        .onFailure(rc::fail);
  }

  private void changePassword(RoutingContext rc) {
    JsonObject body = Requests.body(rc);
    auth.changePassword(
            Requests.caller(rc),
            body.getString("current_password"),
            body.getString("new_password"),
            Requests.clientIp(rc))
        .onSuccess(done -> rc.response().setStatusCode(204).end())
        .onFailure(rc::fail);
  }

  private void me(RoutingContext rc) {
    auth.account(Requests.caller(rc).userId())
        .map(Account::toJson)
        .onSuccess(account -> send(rc, 200, account))
        .onFailure(rc::fail);
  }

  private void createApiKey(RoutingContext rc) {
    JsonObject body = Requests.body(rc);
    auth.createApiKey(
            Requests.caller(rc).userId(), body.getString("name"), body.getJsonArray("scopes"))
        .onSuccess(key -> send(rc, 201, key))
        .onFailure(rc::fail);
  }

  private void listApiKeys(RoutingContext rc) {
    PageRequest page = Requests.page(rc);
    auth.listApiKeys(Requests.caller(rc).userId(), page)
        .onSuccess(keys -> send(rc, 200, keys))
        .onFailure(rc::fail);
  }

  private void revokeApiKey(RoutingContext rc) {
    auth.revokeApiKey(Requests.caller(rc), UUID.fromString(Requests.path(rc, "id")))
        .onSuccess(done -> rc.response().setStatusCode(204).end())
        .onFailure(rc::fail);
  }

  /** Account responses carry tokens or personal data: no cache may keep them. */
  private static void send(RoutingContext rc, int status, JsonObject body) {
    SecurityHeaders.noStore(rc);
    rc.response().setStatusCode(status);
    rc.json(body);
  }
}
