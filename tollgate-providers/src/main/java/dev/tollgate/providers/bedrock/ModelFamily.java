package dev.tollgate.providers.bedrock;

import java.util.Locale;

/**
 * The model vendor behind a Bedrock model id, inference-profile id ({@code us.anthropic.claude-...}) or ARN, for the
 * few parameters whose native name differs by vendor (top-k, extended thinking).
 */
enum ModelFamily {
  ANTHROPIC,
  NOVA,
  COHERE,
  OTHER;

  static ModelFamily of(String modelId) {
    String id = modelId.toLowerCase(Locale.ROOT);
    if (id.contains("anthropic.")) {
      return ANTHROPIC;
    }
    if (id.contains("amazon.nova")) {
      return NOVA;
    }
    if (id.contains("cohere.")) {
      return COHERE;
    }
    return OTHER;
  }
}
