package dev.tollgate.gateway.models;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One row of {@code tg_models} (LiteLLM_ProxyModelTable): a deployment added through the API.
 *
 * @param litellmParams as stored: credentials encrypted ({@link SecretBox})
 * @param modelInfo as given, with {@code id} set to {@link #modelId()}
 */
public record StoredModel(
    String modelId, String modelName, ObjectNode litellmParams, ObjectNode modelInfo, long createdAt,
    String createdBy, long updatedAt, String updatedBy) {}
