package dev.tollgate.providers.bedrock;

import dev.tollgate.providers.spi.HttpCall;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Authenticates a Bedrock call: a bearer header for a Bedrock API key, else an AWS Signature Version 4 over the
 * method, URL, headers and body at the clock's time, computed by AWS's own signer ({@code AwsV4HttpSigner}, signing
 * name {@code bedrock}). Pure: signing is a computation, so it happens in the adapter and the transport sends the
 * headers as they are. The {@code Host} header is signed but left to the transport, which derives the same value
 * from the URL.
 */
final class BedrockSigner {
  static final String SIGNING_NAME = "bedrock";
  private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();
  private final Clock clock;

  BedrockSigner(Clock clock) {
    this.clock = clock;
  }

  /** A POST of {@code body} to {@code url} with {@code headers}, authenticated as {@code settings} says. */
  HttpCall post(BedrockSettings settings, String url, Map<String, String> headers, byte[] body,
      java.time.Duration timeout) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    if (settings.bearerToken() != null) {
      all.put("authorization", "Bearer " + settings.bearerToken());
      return new HttpCall("POST", url, all, body, timeout);
    }
    SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(URI.create(url));
    all.forEach(request::putHeader);
    BedrockSettings.AwsKeys keys = settings.keys();
    AwsCredentialsIdentity identity = keys.sessionToken() == null
        ? AwsCredentialsIdentity.create(keys.accessKeyId(), keys.secretAccessKey())
        : AwsSessionCredentialsIdentity.create(keys.accessKeyId(), keys.secretAccessKey(), keys.sessionToken());
    SignedRequest signed = SIGNER.sign(r -> r.identity(identity)
        .request(request.build())
        .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SIGNING_NAME)
        .putProperty(AwsV4HttpSigner.REGION_NAME, settings.region())
        .putProperty(HttpSigner.SIGNING_CLOCK, clock));
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> header : signed.request().headers().entrySet()) {
      if (!header.getKey().toLowerCase(Locale.ROOT).equals("host") && !header.getValue().isEmpty()) {
        out.put(header.getKey(), header.getValue().get(0));
      }
    }
    return new HttpCall("POST", url, out, body, timeout);
  }
}
