package dev.tollgate.gateway.keys;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * A virtual key as stored ({@code tg_keys}, LiteLLM's {@code LiteLLM_VerificationToken}). The plaintext key is never
 * kept: {@code token} is its lowercase hex SHA-256. Times are epoch milliseconds (UTC); null means unset.
 *
 * @param keyName the display form {@code sk-...XXXX} (last four characters of the plaintext)
 * @param models the model groups the key may call; empty means all
 * @param aliases requested model name to model group
 * @param modelRpmLimit model group to requests per minute ({@code model_rpm_limit}); empty when none
 * @param modelTpmLimit model group to tokens per minute ({@code model_tpm_limit}); empty when none
 * @param modelMaxBudget model group to its budget ({@code model_max_budget}); empty when none
 * @param modelSpend budgeted model group to the key's spend in that budget's current window, as written to the
 *     database when the key was loaded (not stored in {@code tg_keys}: {@link KeyStore#find} sums it); empty when the
 *     key has no model budgets
 * @param expires null: never expires
 */
public record VirtualKey(
    String token,
    String keyName,
    String keyAlias,
    String userId,
    String teamId,
    String organizationId,
    String keyType,
    List<String> models,
    Map<String, String> aliases,
    Double maxBudget,
    Double softBudget,
    String budgetDuration,
    Long budgetResetAt,
    double spend,
    Long rpmLimit,
    Long tpmLimit,
    Integer maxParallelRequests,
    Map<String, Long> modelRpmLimit,
    Map<String, Long> modelTpmLimit,
    Map<String, ModelBudget> modelMaxBudget,
    Map<String, Double> modelSpend,
    ObjectNode metadata,
    List<String> tags,
    List<String> allowedRoutes,
    boolean blocked,
    Long expires,
    int rotationCount,
    long createdAt,
    String createdBy,
    long updatedAt,
    String updatedBy,
    List<String> allowedCacheControls) {

  public VirtualKey {
    models = models == null ? List.of() : List.copyOf(models);
    aliases = aliases == null ? Map.of() : Map.copyOf(aliases);
    modelRpmLimit = modelRpmLimit == null ? Map.of() : Map.copyOf(modelRpmLimit);
    modelTpmLimit = modelTpmLimit == null ? Map.of() : Map.copyOf(modelTpmLimit);
    modelMaxBudget = modelMaxBudget == null ? Map.of()
        : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(modelMaxBudget));
    modelSpend = modelSpend == null ? Map.of() : Map.copyOf(modelSpend);
    tags = tags == null ? List.of() : List.copyOf(tags);
    allowedRoutes = allowedRoutes == null ? List.of() : List.copyOf(allowedRoutes);
    keyType = keyType == null ? "default" : keyType;
    allowedCacheControls = allowedCacheControls == null ? List.of() : List.copyOf(allowedCacheControls);
  }

  public boolean isExpired(long nowMillis) {
    return expires != null && expires <= nowMillis;
  }

  public boolean overBudget() {
    return maxBudget != null && spend >= maxBudget;
  }

  /** A copy to change field by field. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Mutable copy of every field; {@link #build} makes the record. */
  public static final class Builder {
    public String token;
    public String keyName;
    public String keyAlias;
    public String userId;
    public String teamId;
    public String organizationId;
    public String keyType;
    public List<String> models;
    public Map<String, String> aliases;
    public Double maxBudget;
    public Double softBudget;
    public String budgetDuration;
    public Long budgetResetAt;
    public double spend;
    public Long rpmLimit;
    public Long tpmLimit;
    public Integer maxParallelRequests;
    public Map<String, Long> modelRpmLimit;
    public Map<String, Long> modelTpmLimit;
    public Map<String, ModelBudget> modelMaxBudget;
    public Map<String, Double> modelSpend;
    public ObjectNode metadata;
    public List<String> tags;
    public List<String> allowedRoutes;
    public boolean blocked;
    public Long expires;
    public int rotationCount;
    public long createdAt;
    public String createdBy;
    public long updatedAt;
    public String updatedBy;
    /** LiteLLM's {@code allowed_cache_controls}: the request cache controls this key may use (empty: any). */
    public List<String> allowedCacheControls;

    public Builder() {}

    Builder(VirtualKey k) {
      token = k.token;
      keyName = k.keyName;
      keyAlias = k.keyAlias;
      userId = k.userId;
      teamId = k.teamId;
      organizationId = k.organizationId;
      keyType = k.keyType;
      models = k.models;
      aliases = k.aliases;
      maxBudget = k.maxBudget;
      softBudget = k.softBudget;
      budgetDuration = k.budgetDuration;
      budgetResetAt = k.budgetResetAt;
      spend = k.spend;
      rpmLimit = k.rpmLimit;
      tpmLimit = k.tpmLimit;
      maxParallelRequests = k.maxParallelRequests;
      modelRpmLimit = k.modelRpmLimit;
      modelTpmLimit = k.modelTpmLimit;
      modelMaxBudget = k.modelMaxBudget;
      modelSpend = k.modelSpend;
      metadata = k.metadata;
      tags = k.tags;
      allowedRoutes = k.allowedRoutes;
      blocked = k.blocked;
      expires = k.expires;
      rotationCount = k.rotationCount;
      createdAt = k.createdAt;
      createdBy = k.createdBy;
      updatedAt = k.updatedAt;
      updatedBy = k.updatedBy;
      allowedCacheControls = k.allowedCacheControls;
    }

    public VirtualKey build() {
      return new VirtualKey(token, keyName, keyAlias, userId, teamId, organizationId, keyType, models, aliases,
          maxBudget, softBudget, budgetDuration, budgetResetAt, spend, rpmLimit, tpmLimit, maxParallelRequests,
          modelRpmLimit, modelTpmLimit, modelMaxBudget, modelSpend, metadata == null ? dev.tollgate.providers.types.Json.object() : metadata, tags, allowedRoutes, blocked,
          expires, rotationCount, createdAt, createdBy, updatedAt, updatedBy, allowedCacheControls);
    }
  }
}
