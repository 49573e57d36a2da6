package dev.tollgate.providers.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.tollgate.providers.error.AuthenticationException;
import dev.tollgate.providers.error.BadRequestException;
import dev.tollgate.providers.spi.CallTarget;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a Bedrock call goes and how it authenticates, read from a {@link CallTarget}: the endpoint
 * ({@code api_base}, else {@code aws_bedrock_runtime_endpoint}, else
 * {@code https://bedrock-runtime.{region}.amazonaws.com}),
 * the region ({@code aws_region_name}) and either a Bedrock API key ({@code api_key}, sent as a bearer token) or static
 * SigV4 credentials ({@code aws_access_key_id}, {@code aws_secret_access_key}, {@code aws_session_token}).
 * {@link #resolve} fills what the deployment leaves unset from the environment, as the AWS SDKs do.
 *
 * <p>Credential flows that need I/O (STS assume-role, web identity, named profiles, instance metadata) are not
 * supported: the adapter never opens a socket. A deployment that names one fails with an authentication error that
 * says which variables to set instead.
 */
record BedrockSettings(String endpoint, String region, String bearerToken, AwsKeys keys) {
  static final String PROVIDER = "bedrock";
  private static final Pattern HOST_REGION =
      Pattern.compile("bedrock-runtime(?:-fips)?\\.([a-z0-9-]+)\\.amazonaws\\.com");
  private static final List<String> IO_FLOWS =
      List.of("aws_role_name", "aws_profile_name", "aws_web_identity_token", "aws_sts_endpoint");

  /** Static AWS credentials; the session token is set for temporary credentials. */
  record AwsKeys(String accessKeyId, String secretAccessKey, String sessionToken) {
    @Override
    public String toString() {
      return "AwsKeys[" + accessKeyId + ", secret hidden]";
    }
  }

  /** Fills region, credentials and endpoint from the environment where the deployment has none. */
  static CallTarget resolve(CallTarget target, Map<String, String> env) {
    Map<String, JsonNode> settings = new LinkedHashMap<>(target.settings());
    CallTarget out = target;
    if (blank(target.setting("aws_region_name"))) {
      String region = !blank(target.setting("region_name"))
          ? target.setting("region_name")
          : firstSet(env, "AWS_REGION", "AWS_DEFAULT_REGION");
      if (region != null) {
        settings.put("aws_region_name", TextNode.valueOf(region));
      }
    }
    if (blank(target.setting("aws_bedrock_runtime_endpoint")) && !blank(env.get("AWS_BEDROCK_RUNTIME_ENDPOINT"))) {
      settings.put("aws_bedrock_runtime_endpoint", TextNode.valueOf(env.get("AWS_BEDROCK_RUNTIME_ENDPOINT")));
    }
    // deployment credentials win over the environment; of the environment's, a Bedrock API key wins over IAM keys
    boolean deploymentAuth = !blank(target.apiKey()) || !blank(target.setting("aws_access_key_id"));
    if (!deploymentAuth) {
      if (!blank(env.get("AWS_BEARER_TOKEN_BEDROCK"))) {
        out = out.withApiKey(env.get("AWS_BEARER_TOKEN_BEDROCK"));
      } else if (!blank(env.get("AWS_ACCESS_KEY_ID"))) {
        settings.put("aws_access_key_id", TextNode.valueOf(env.get("AWS_ACCESS_KEY_ID")));
        putIfSet(settings, "aws_secret_access_key", env.get("AWS_SECRET_ACCESS_KEY"));
        putIfSet(settings, "aws_session_token", env.get("AWS_SESSION_TOKEN"));
      }
    }
    return out.withSettings(settings);
  }

  /** Reads a resolved target; throws when no usable credentials or no endpoint can be made. */
  static BedrockSettings of(CallTarget target) {
    String endpoint = firstNonBlank(target.apiBase(), target.setting("aws_bedrock_runtime_endpoint"));
    String region = target.setting("aws_region_name");
    if (blank(region) && endpoint != null) {
      Matcher m = HOST_REGION.matcher(endpoint);
      region = m.find() ? m.group(1) : null;
    }
    if (endpoint == null) {
      if (blank(region)) {
        throw new BadRequestException("bedrock needs a region: set aws_region_name on the deployment or the AWS_REGION"
            + " (or AWS_DEFAULT_REGION) environment variable", PROVIDER, target.model());
      }
      endpoint = "https://bedrock-runtime." + region + ".amazonaws.com";
    }
    endpoint = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    if (!blank(target.apiKey())) {
      return new BedrockSettings(endpoint, region, target.apiKey(), null);
    }
    String keyId = target.setting("aws_access_key_id");
    String secret = target.setting("aws_secret_access_key");
    if (blank(keyId) || blank(secret)) {
      throw new AuthenticationException(missingCredentials(target, keyId), PROVIDER, target.model());
    }
    if (blank(region)) {
      throw new BadRequestException("bedrock signs requests for a region: set aws_region_name on the deployment or"
          + " the AWS_REGION environment variable", PROVIDER, target.model());
    }
    return new BedrockSettings(endpoint, region, null,
        new AwsKeys(keyId, secret, blankToNull(target.setting("aws_session_token"))));
  }

  /** {@code {endpoint}/model/{modelId}/{operation}} with the model id (an id, profile id or ARN) URL-encoded. */
  String url(String modelId, String operation) {
    return endpoint + "/model/" + URLEncoder.encode(modelId, StandardCharsets.UTF_8).replace("+", "%20") + "/"
        + operation;
  }

  private static String missingCredentials(CallTarget target, String keyId) {
    StringBuilder message = new StringBuilder("No AWS credentials for bedrock: ");
    if (!blank(keyId)) {
      message.append("aws_access_key_id is set but aws_secret_access_key is not. ");
    }
    List<String> flows = IO_FLOWS.stream().filter(name -> !blank(target.setting(name))).toList();
    if (!flows.isEmpty()) {
      message.append(String.join(", ", flows)).append(" would need a call to AWS STS or a local profile, which"
          + " Tollgate does not make. ");
    }
    return message.append("Set aws_access_key_id and aws_secret_access_key (and aws_session_token for temporary"
        + " credentials) on the deployment, or the AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN"
        + " environment variables, or a Bedrock API key as api_key or AWS_BEARER_TOKEN_BEDROCK.").toString();
  }

  private static void putIfSet(Map<String, JsonNode> settings, String name, String value) {
    if (!blank(value)) {
      settings.put(name, TextNode.valueOf(value));
    }
  }

  private static String firstSet(Map<String, String> env, String... names) {
    for (String name : names) {
      if (!blank(env.get(name))) {
        return env.get(name);
      }
    }
    return null;
  }

  private static String firstNonBlank(String a, String b) {
    return !blank(a) ? a : blank(b) ? null : b;
  }

  private static String blankToNull(String s) {
    return blank(s) ? null : s;
  }

  static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  @Override
  public String toString() {
    return "BedrockSettings[" + endpoint + ", " + region + ", " + (bearerToken != null ? "bearer" : "sigv4") + "]";
  }
}
