package dev.tollgate.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.gateway.support.RunningGateway;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dashboard's static files over HTTP: no key needed, content types, caching headers, ETags, and no escapes. */
class UiRoutesTest {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final String UPLOT = "/ui/vendor/uplot/1.6.30/dist/uPlot.iife.min.js";
  private static RunningGateway gw;

  @BeforeAll
  static void start() throws Exception {
    gw = RunningGateway.start("/ui/ui-config.yaml");
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  private static HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gw.url(path))).GET();
    if (headers.length > 0) {
      b.headers(headers);
    }
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void uiAndUiSlashServeTheIndexPageWithoutAKey() throws Exception {
    for (String path : new String[] {"/ui", "/ui/"}) {
      HttpResponse<String> r = get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(200);
      assertThat(r.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
      assertThat(r.headers().firstValue("cache-control")).hasValue("no-cache");
      assertThat(r.headers().firstValue("x-content-type-options")).hasValue("nosniff");
      assertThat(r.headers().firstValue("content-security-policy").orElseThrow()).contains("frame-ancestors 'none'");
      assertThat(r.body()).contains("<title>Tollgate admin</title>").contains("/ui/app.js").contains(UPLOT);
    }
  }

  @Test
  void ownScriptsAndStylesHaveTheirTypesAndRevalidateByEtag() throws Exception {
    HttpResponse<String> js = get("/ui/pages/keys.js");
    assertThat(js.statusCode()).isEqualTo(200);
    assertThat(js.headers().firstValue("content-type")).hasValue("text/javascript; charset=utf-8");
    String etag = js.headers().firstValue("etag").orElseThrow();
    assertThat(etag).matches("\"[0-9a-f]{32}\"");

    HttpResponse<String> again = get("/ui/pages/keys.js", "If-None-Match", etag);
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();

    HttpResponse<String> css = get("/ui/styles.css");
    assertThat(css.headers().firstValue("content-type")).hasValue("text/css; charset=utf-8");
    assertThat(css.headers().firstValue("etag")).isNotEqualTo(js.headers().firstValue("etag"));
  }

  @Test
  void webJarLibrariesAreServedUnderVendorAsImmutable() throws Exception {
    HttpResponse<String> r = get(UPLOT);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).hasValue("text/javascript; charset=utf-8");
    assertThat(r.headers().firstValue("cache-control")).hasValue("public, max-age=31536000, immutable");
    assertThat(r.body()).contains("uPlot");
  }

  @Test
  void unknownFilesAndPathsOutsideTheUiAreTheGatewaysJson404() throws Exception {
    for (String path : new String[] {"/ui/missing.js", "/ui/vendor/uplot/1.6.30/package.json.bak",
        "/ui/%2e%2e/%2e%2e/logback.xml", "/ui/vendor/../../META-INF/MANIFEST.MF", "/ui/dev/tollgate/gateway/Gateway.class"}) {
      HttpResponse<String> r = get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(404);
      assertThat(r.body()).as(path).contains("\"not_found_error\"");
    }
  }

  @Test
  void headAnswersTheHeadersWithoutABody() throws Exception {
    HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(gw.url("/ui/app.js")))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).hasValue("text/javascript; charset=utf-8");
    assertThat(Long.parseLong(r.headers().firstValue("content-length").orElseThrow())).isPositive();
    assertThat(r.body()).isEmpty();
  }

  @Test
  void theManagementApiStillNeedsAKey() throws Exception {
    assertThat(get("/key/list").statusCode()).isEqualTo(401);
  }
}
