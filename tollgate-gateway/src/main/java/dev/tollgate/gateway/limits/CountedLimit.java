package dev.tollgate.gateway.limits;

/**
 * One set of limits counted under its own name in the {@link RateLimiter}, with the descriptor LiteLLM's limiter
 * names it by in a 429 ({@code Rate limit exceeded for <descriptor>: <value>}).
 *
 * @param counter the limiter's counter name: the key hash for a key's own limits, else {@code team:<id>},
 *     {@code user:<id>}, {@code end_user:<id>}, {@code key:<hash>:model:<m>}, {@code team:<id>:model:<m>}
 * @param descriptor {@code api_key}, {@code user}, {@code team}, {@code end_user}, {@code model_per_key} or
 *     {@code model_per_team}
 */
public record CountedLimit(String counter, KeyLimits limits, String descriptor, String value) {}
