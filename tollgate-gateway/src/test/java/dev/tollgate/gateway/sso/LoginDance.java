package dev.tollgate.gateway.sso;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.support.RunningGateway;
import dev.tollgate.providers.types.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Plays the browser's part in a single sign-on login over plain HTTP, one redirect at a time (nothing followed
 * automatically), carrying the gateway's cookies by hand: start, the provider's authorize redirect, the callback, the
 * session hand-off.
 */
final class LoginDance {
  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .followRedirects(HttpClient.Redirect.NEVER).build();
  private final RunningGateway gw;

  LoginDance(RunningGateway gw) {
    this.gw = gw;
  }

  /** What {@code /sso/key/generate} answered: where it sends the browser, and the flow cookie it set. */
  record Started(URI authorize, String flowCookie, HttpResponse<String> response) {}

  Started start() {
    HttpResponse<String> r = get(URI.create(gw.url("/sso/key/generate")), null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
    return new Started(URI.create(r.headers().firstValue("location").orElseThrow()),
        cookie(r, SsoCookies.FLOW).orElseThrow(), r);
  }

  /** Follows the authorize URL at the provider; returns the callback URL it redirects to. */
  URI authorize(URI authorize) {
    HttpResponse<String> r = get(authorize, null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
    return URI.create(r.headers().firstValue("location").orElseThrow());
  }

  HttpResponse<String> callback(URI callback, String flowCookie) {
    return get(callback, flowCookie == null ? null : SsoCookies.FLOW + "=" + flowCookie);
  }

  HttpResponse<String> handOff(String handoffCookie) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gw.url("/sso/session")))
        .POST(HttpRequest.BodyPublishers.noBody());
    if (handoffCookie != null) {
      b.header("cookie", SsoCookies.HANDOFF + "=" + handoffCookie);
    }
    return send(b.build());
  }

  /** A whole login as the provider's current user; returns the hand-off answer ({@code key}, {@code user_id}, ...). */
  JsonNode signIn() {
    Started started = start();
    HttpResponse<String> done = callback(authorize(started.authorize()), started.flowCookie());
    assertThat(done.statusCode()).as(done.body()).isEqualTo(303);
    assertThat(done.headers().firstValue("location")).hasValue("/ui/#/login/sso");
    HttpResponse<String> session = handOff(cookie(done, SsoCookies.HANDOFF).orElseThrow());
    assertThat(session.statusCode()).as(session.body()).isEqualTo(200);
    return json(session);
  }

  static HttpResponse<String> get(URI uri, String cookieHeader) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET();
    if (cookieHeader != null) {
      b.header("cookie", cookieHeader);
    }
    return send(b.build());
  }

  /** The value of cookie {@code name} the response sets (first {@code Set-Cookie} with that name). */
  static Optional<String> cookie(HttpResponse<?> r, String name) {
    return setCookie(r, name).map(line -> line.substring(name.length() + 1).split(";", 2)[0]);
  }

  /** The whole {@code Set-Cookie} line for {@code name}. */
  static Optional<String> setCookie(HttpResponse<?> r, String name) {
    List<String> lines = r.headers().allValues("set-cookie");
    return lines.stream().filter(l -> l.startsWith(name + "=")).findFirst();
  }

  static JsonNode json(HttpResponse<String> r) {
    return Json.tree(r.body().getBytes(StandardCharsets.UTF_8));
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
