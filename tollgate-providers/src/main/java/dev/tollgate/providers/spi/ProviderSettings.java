package dev.tollgate.providers.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The deployment parameters ({@code litellm_params}) that configure a cloud provider or the connection rather than the
 * request: region, project, credentials, endpoint overrides, and {@code ssl_verify} (how the gateway checks the
 * upstream's certificate). LiteLLM takes them as keyword arguments next to the request fields; a
 * gateway keeps them out of request bodies and hands them to the adapter as {@link CallTarget#settings()}.
 */
public final class ProviderSettings {
  /** Every setting name an adapter may read. */
  public static final Set<String> NAMES = Set.of(
      "aws_access_key_id", "aws_secret_access_key", "aws_session_token", "aws_region_name", "aws_role_name",
      "aws_session_name", "aws_profile_name", "aws_web_identity_token", "aws_sts_endpoint",
      "aws_bedrock_runtime_endpoint", "aws_external_id", "vertex_project", "vertex_location", "vertex_credentials",
      "region_name", "ssl_verify");

  private ProviderSettings() {}

  /** The entries of {@code params} whose names are settings, with null values left out. */
  public static Map<String, JsonNode> pick(Map<String, JsonNode> params) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    params.forEach((name, value) -> {
      if (NAMES.contains(name) && value != null && !value.isNull()) {
        out.put(name, value);
      }
    });
    return out;
  }
}
