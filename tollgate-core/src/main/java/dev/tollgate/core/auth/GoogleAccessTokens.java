package dev.tollgate.core.auth;

import com.google.auth.oauth2.GoogleCredentials;
import dev.tollgate.providers.error.AuthenticationException;
import dev.tollgate.providers.error.BadRequestException;
import dev.tollgate.providers.spi.AccessTokenRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Google OAuth2 access tokens through Google's own auth library: a service-account JSON (inline or a file) becomes an
 * RS256-signed JWT assertion exchanged at the JSON's {@code token_uri}; without credentials, Google's application
 * default credentials are used. The library does the signing and the exchange (and knows the other credential types
 * a JSON file can hold: authorized user, external account), so none of that crypto lives here. Blocking.
 */
public final class GoogleAccessTokens implements AccessTokenSource {
  private static final String PROVIDER = "vertex_ai";

  @Override
  public AccessToken fetch(AccessTokenRequest request) {
    if (!AccessTokenRequest.GOOGLE.equals(request.kind())) {
      throw new IllegalArgumentException("not a Google token request: " + request.kind());
    }
    GoogleCredentials credentials = credentials(request);
    if (!request.scopes().isEmpty()) {
      credentials = credentials.createScoped(request.scopes());
    }
    com.google.auth.oauth2.AccessToken token;
    try {
      token = credentials.refreshAccessToken();
    } catch (IOException e) {
      throw new AuthenticationException("cannot get a Google access token: " + e.getMessage(), PROVIDER, null);
    }
    if (token == null || token.getTokenValue() == null) {
      throw new AuthenticationException("Google's token endpoint returned no access token", PROVIDER, null);
    }
    Instant expires = token.getExpirationTime() == null
        ? Instant.now().plusSeconds(3600)
        : token.getExpirationTime().toInstant();
    return new AccessToken(token.getTokenValue(), expires);
  }

  private static GoogleCredentials credentials(AccessTokenRequest request) {
    try {
      if (request.credentialsJson() != null) {
        return fromStream(new ByteArrayInputStream(request.credentialsJson().getBytes(StandardCharsets.UTF_8)),
            "the inline vertex_credentials");
      }
      if (request.credentialsFile() != null) {
        try (InputStream in = Files.newInputStream(Path.of(request.credentialsFile()))) {
          return fromStream(in, request.credentialsFile());
        } catch (NoSuchFileException e) {
          throw new BadRequestException("vertex_credentials file not found: " + request.credentialsFile(),
              PROVIDER, null);
        }
      }
      return GoogleCredentials.getApplicationDefault();
    } catch (IOException e) {
      throw new AuthenticationException("cannot load Google credentials: " + e.getMessage(), PROVIDER, null);
    }
  }

  private static GoogleCredentials fromStream(InputStream in, String what) throws IOException {
    try {
      return GoogleCredentials.fromStream(in);
    } catch (IOException | IllegalArgumentException e) {
      throw new AuthenticationException("cannot read Google credentials from " + what + ": " + e.getMessage(),
          PROVIDER, null);
    }
  }
}
