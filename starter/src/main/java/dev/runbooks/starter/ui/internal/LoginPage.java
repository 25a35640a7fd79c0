package dev.runbooks.starter.ui.internal;

import dev.runbooks.starter.security.RunbookSecurityProperties;
import dev.runbooks.starter.security.UiSecurity;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The login page: a form for local users (it posts to {@code /ui/login} with the CSRF token) and,
 * when an OIDC client is configured, a link to the provider's login.
 */
@Controller
public class LoginPage {
  private final boolean oidc;

  LoginPage(ObjectProvider<RunbookSecurityProperties> properties) {
    RunbookSecurityProperties security = properties.getIfAvailable();
    this.oidc = security != null && security.oidc().login();
  }

  @GetMapping(UiSecurity.LOGIN)
  ResponseEntity<String> login(
      @RequestParam(required = false) String error, @RequestParam(required = false) String logout) {
    return Layout.page(
        HttpStatus.OK,
        new Layout.Frame("Sign in", null, 0),
        html -> {
          html.el("h1", "Sign in");
          if (error != null) {
            html.el("p", "Wrong name or password, or the sign-in was refused.", "class", "error");
          }
          if (logout != null) {
            html.el("p", "You are signed out.");
          }
          if (oidc) {
            html.open("p")
                .link("/oauth2/authorization/oidc", "Sign in with your organisation's account")
                .close("p");
          }
          html.open("form", "method", "post", "action", UiSecurity.LOGIN, "class", "login");
          html.csrf();
          html.open("label").text("Name ");
          html.empty(
              "input", "name", "username", "required", "required", "autocomplete", "username");
          html.close("label");
          html.open("label").text("Password ");
          html.empty(
              "input",
              "name",
              "password",
              "type",
              "password",
              "required",
              "required",
              "autocomplete",
              "current-password");
          html.close("label");
          html.el("button", "Sign in", "type", "submit");
          html.close("form");
        });
  }
}
