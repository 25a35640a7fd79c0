package dev.runbooks.starter.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import dev.runbooks.starter.intake.IntakeTestApplication;
import dev.runbooks.starter.security.internal.ApiTokens;
import dev.runbooks.starter.testing.TestCredentials;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every request mapping of the application against every role: without credentials 401 (the page
 * redirects to its login), with the role just below the one required 403, with the required role
 * neither. The mappings come from the application's handler mapping, so an endpoint added without a
 * row in {@link #RULES} fails {@link #everyMappingHasARule()}.
 */
@SpringBootTest(
    classes = IntakeTestApplication.class,
    properties = {
      "runbook.intake.dispatcher.enabled=false",
      TestUsers.VIEWER,
      TestUsers.VIEWER_HASH,
      TestUsers.OPERATOR,
      TestUsers.OPERATOR_HASH,
      TestUsers.OPERATOR_GROUPS,
      TestUsers.APPROVER,
      TestUsers.APPROVER_HASH,
      TestUsers.APPROVER_GROUPS
    })
@AutoConfigureMockMvc
class EndpointRoleMatrixTest {
  /** A request that exercises a mapping, and the role it needs (null: public). */
  record Example(HttpMethod method, String path, Role role) {}

  private static final Map<String, List<Example>> RULES = rules();

  @Autowired MockMvc mvc;
  @Autowired ApiTokens tokens;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  private final Map<Role, String> bearer = new EnumMap<>(Role.class);
  private final Map<Role, MockHttpSession> sessions = new EnumMap<>(Role.class);

  @BeforeEach
  void credentials() throws Exception {
    for (Role role : Role.values()) {
      bearer.put(role, tokens.create("matrix " + role.wire(), "matrix", role, null).token());
    }
    sessions.put(Role.VIEWER, login("viewer", "pw-viewer"));
    sessions.put(Role.OPERATOR, login("operator", "pw-operator"));
    sessions.put(Role.APPROVER, login("approver", "pw-approver"));
    sessions.put(Role.ADMIN, login("admin", TestCredentials.ADMIN_PASSWORD));
  }

  @Test
  void everyMappingHasARule() {
    Set<String> missing = new TreeSet<>();
    for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
      for (String key : keys(info)) {
        if (!RULES.containsKey(key)) {
          missing.add(key);
        }
      }
    }
    assertThat(missing)
        .as("mappings without a row in EndpointRoleMatrixTest.RULES (and maybe SecurityRules)")
        .isEmpty();
  }

  @Test
  void everyEndpointNeedsItsRoleAndNoMore() throws Exception {
    List<String> wrong = new ArrayList<>();
    for (List<Example> examples : RULES.values()) {
      for (Example example : examples) {
        if (example.role() == null) {
          continue;
        }
        int anonymous = status(example, null);
        boolean ui = example.path().startsWith("/ui");
        if (ui ? anonymous != 302 : anonymous != 401) {
          wrong.add(example + " without credentials: " + anonymous);
        }
        if (example.role() != Role.VIEWER) {
          Role below = Role.values()[example.role().ordinal() - 1];
          int refused = status(example, below);
          if (refused != 403) {
            wrong.add(example + " as " + below + ": " + refused);
          }
        }
        int allowed = status(example, example.role());
        if (allowed == 401 || allowed == 403) {
          wrong.add(example + " as " + example.role() + ": " + allowed);
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  private int status(Example example, Role role) throws Exception {
    MockHttpServletRequestBuilder request = request(example.method(), example.path());
    if (example.path().startsWith("/api")) {
      request.contentType("application/json").content("{}");
      if (role != null) {
        request.header("Authorization", "Bearer " + bearer.get(role));
      }
    } else {
      request.with(csrf());
      if (example.method() == HttpMethod.POST) {
        request.contentType("application/x-www-form-urlencoded").param("step", "s");
      }
      if (role != null) {
        request.session(sessions.get(role));
      }
    }
    MvcResult result = mvc.perform(request).andReturn();
    int status = result.getResponse().getStatus();
    if (status == 302) {
      assertThat(result.getResponse().getRedirectedUrl()).contains("/ui/login");
    }
    return status;
  }

  private MockHttpSession login(String user, String password) throws Exception {
    MvcResult result =
        mvc.perform(
                request(HttpMethod.POST, "/ui/login")
                    .param("username", user)
                    .param("password", password)
                    .with(csrf()))
            .andReturn();
    assertThat(result.getResponse().getRedirectedUrl()).as(user).doesNotContain("error");
    return (MockHttpSession) result.getRequest().getSession(false);
  }

  private static List<String> keys(RequestMappingInfo info) {
    Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
    List<String> keys = new ArrayList<>();
    for (String pattern : info.getPatternValues()) {
      if (methods.isEmpty()) {
        keys.add("* " + pattern);
      }
      for (RequestMethod method : methods) {
        keys.add(method.name() + " " + pattern);
      }
    }
    return keys;
  }

  private static Map<String, List<Example>> rules() {
    Map<String, List<Example>> rules = new java.util.LinkedHashMap<>();
    HttpMethod get = HttpMethod.GET;
    HttpMethod post = HttpMethod.POST;
    HttpMethod delete = HttpMethod.DELETE;
    // Public: their own authentication (webhooks), the login page, the error page.
    rules.put("POST /webhooks/alertmanager", List.of());
    rules.put("POST /webhooks/grafana", List.of());
    rules.put("POST /webhooks/generic/{source}", List.of());
    rules.put("GET /ui/login", List.of(new Example(get, "/ui/login", null)));
    rules.put("* /error", List.of());
    // The API.
    rules.put("GET /api/runbooks", List.of(new Example(get, "/api/runbooks", Role.VIEWER)));
    rules.put(
        "GET /api/runbooks/{name}", List.of(new Example(get, "/api/runbooks/x", Role.VIEWER)));
    rules.put(
        "POST /api/runbooks/{name}/runs",
        List.of(new Example(post, "/api/runbooks/nope/runs", Role.OPERATOR)));
    rules.put("GET /api/runs", List.of(new Example(get, "/api/runs", Role.VIEWER)));
    rules.put("GET /api/runs/{*id}", List.of(new Example(get, "/api/runs/a/b", Role.VIEWER)));
    rules.put("GET /api/history/{*id}", List.of(new Example(get, "/api/history/a/b", Role.VIEWER)));
    rules.put(
        "POST /api/runs/{*path}",
        List.of(
            new Example(post, "/api/runs/a/b/approve", Role.APPROVER),
            new Example(post, "/api/runs/a/b/reject", Role.APPROVER),
            new Example(post, "/api/runs/a/b/abort", Role.OPERATOR),
            new Example(post, "/api/runs/a/b/acknowledge", Role.OPERATOR),
            new Example(post, "/api/runs/a/b/retry", Role.OPERATOR)));
    rules.put("GET /api/alerts", List.of(new Example(get, "/api/alerts", Role.VIEWER)));
    rules.put("GET /api/locks", List.of(new Example(get, "/api/locks", Role.VIEWER)));
    rules.put("GET /api/openapi.json", List.of(new Example(get, "/api/openapi.json", Role.VIEWER)));
    rules.put(
        "GET /api/openapi.json.yaml",
        List.of(new Example(get, "/api/openapi.json.yaml", Role.VIEWER)));
    rules.put("GET /api/alerts/{id}", List.of(new Example(get, "/api/alerts/1", Role.VIEWER)));
    rules.put(
        "GET /api/alerts/{id}/explain",
        List.of(new Example(get, "/api/alerts/1/explain", Role.VIEWER)));
    rules.put(
        "GET /api/maintenance-windows",
        List.of(new Example(get, "/api/maintenance-windows", Role.VIEWER)));
    rules.put(
        "POST /api/maintenance-windows",
        List.of(new Example(post, "/api/maintenance-windows", Role.ADMIN)));
    rules.put(
        "GET /api/maintenance-windows/{id}",
        List.of(new Example(get, "/api/maintenance-windows/x", Role.VIEWER)));
    rules.put(
        "DELETE /api/maintenance-windows/{id}",
        List.of(new Example(delete, "/api/maintenance-windows/x", Role.ADMIN)));
    rules.put("GET /api/quarantine", List.of(new Example(get, "/api/quarantine", Role.VIEWER)));
    rules.put(
        "DELETE /api/quarantine/{target}",
        List.of(new Example(delete, "/api/quarantine/x", Role.ADMIN)));
    rules.put("GET /api/audit", List.of(new Example(get, "/api/audit", Role.VIEWER)));
    rules.put(
        "GET /api/audit/actions", List.of(new Example(get, "/api/audit/actions", Role.VIEWER)));
    rules.put("GET /api/tokens", List.of(new Example(get, "/api/tokens", Role.ADMIN)));
    rules.put("POST /api/tokens", List.of(new Example(post, "/api/tokens", Role.ADMIN)));
    rules.put(
        "DELETE /api/tokens/{id}",
        List.of(
            new Example(delete, "/api/tokens/00000000-0000-0000-0000-000000000000", Role.ADMIN)));
    // The guard rails.
    HttpMethod put = HttpMethod.PUT;
    rules.put("GET /api/guard-rails", List.of(new Example(get, "/api/guard-rails", Role.VIEWER)));
    rules.put(
        "POST /api/runbooks/{name}/disable",
        List.of(new Example(post, "/api/runbooks/nope/disable", Role.OPERATOR)));
    rules.put(
        "POST /api/runbooks/{name}/enable",
        List.of(new Example(post, "/api/runbooks/nope/enable", Role.OPERATOR)));
    rules.put(
        "POST /api/runbooks/{name}/limits/reset",
        List.of(new Example(post, "/api/runbooks/nope/limits/reset", Role.OPERATOR)));
    rules.put(
        "POST /api/automation/disable",
        List.of(new Example(post, "/api/automation/disable", Role.OPERATOR)));
    rules.put(
        "POST /api/automation/enable",
        List.of(new Example(post, "/api/automation/enable", Role.OPERATOR)));
    rules.put(
        "PUT /api/runbooks/{name}/autonomy",
        List.of(new Example(put, "/api/runbooks/nope/autonomy", Role.ADMIN)));
    rules.put("GET /api/freezes", List.of(new Example(get, "/api/freezes", Role.VIEWER)));
    rules.put("POST /api/freezes", List.of(new Example(post, "/api/freezes", Role.ADMIN)));
    rules.put(
        "DELETE /api/freezes/{id}", List.of(new Example(delete, "/api/freezes/x", Role.ADMIN)));
    // The page.
    rules.put("GET /ui", List.of(new Example(get, "/ui", Role.VIEWER)));
    rules.put("GET /ui/", List.of(new Example(get, "/ui/", Role.VIEWER)));
    rules.put("GET /ui/runbooks/{name}", List.of(new Example(get, "/ui/runbooks/x", Role.VIEWER)));
    rules.put("GET /ui/runs", List.of(new Example(get, "/ui/runs", Role.VIEWER)));
    rules.put("GET /ui/locks", List.of(new Example(get, "/ui/locks", Role.VIEWER)));
    rules.put("GET /ui/run", List.of(new Example(get, "/ui/run?id=a", Role.VIEWER)));
    rules.put("GET /ui/runs/{*id}", List.of(new Example(get, "/ui/runs/a/b", Role.VIEWER)));
    rules.put(
        "POST /ui/runs/{*path}",
        List.of(
            new Example(post, "/ui/runs/a/b/approve", Role.APPROVER),
            new Example(post, "/ui/runs/a/b/reject", Role.APPROVER),
            new Example(post, "/ui/runs/a/b/acknowledge", Role.OPERATOR),
            new Example(post, "/ui/runs/a/b/retry", Role.OPERATOR)));
    rules.put("GET /ui/guard-rails", List.of(new Example(get, "/ui/guard-rails", Role.VIEWER)));
    rules.put("GET /ui/alerts/{id}", List.of(new Example(get, "/ui/alerts/1", Role.VIEWER)));
    rules.put(
        "POST /ui/guard-rails/automation/{action}",
        List.of(
            new Example(post, "/ui/guard-rails/automation/disable", Role.OPERATOR),
            new Example(post, "/ui/guard-rails/automation/enable", Role.OPERATOR)));
    rules.put(
        "POST /ui/guard-rails/runbooks/{name}/{action}",
        List.of(
            new Example(post, "/ui/guard-rails/runbooks/nope/disable", Role.OPERATOR),
            new Example(post, "/ui/guard-rails/runbooks/nope/enable", Role.OPERATOR),
            new Example(post, "/ui/guard-rails/runbooks/nope/reset", Role.OPERATOR),
            new Example(post, "/ui/guard-rails/runbooks/nope/autonomy", Role.ADMIN)));
    rules.put(
        "POST /ui/guard-rails/freezes",
        List.of(new Example(post, "/ui/guard-rails/freezes", Role.ADMIN)));
    rules.put(
        "POST /ui/guard-rails/freezes/{id}/delete",
        List.of(new Example(post, "/ui/guard-rails/freezes/x/delete", Role.ADMIN)));
    return rules;
  }
}
