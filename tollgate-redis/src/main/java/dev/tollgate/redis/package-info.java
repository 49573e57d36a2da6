/**
 * Redis-backed shared state so that several gateway instances act as one: the connection with its short timeout and
 * fail-open breaker ({@link dev.tollgate.redis.SharedRedis}), the atomic fixed-window counters behind rate limits
 * ({@link dev.tollgate.redis.WindowCounter}) and a pub/sub channel ({@link dev.tollgate.redis.RedisChannel}). Nothing
 * here knows the gateway; the gateway module adapts these blocks to its limiter and key-cache interfaces. The
 * subpackage {@code router} shares the SDK router's state with the same blocks.
 */
package dev.tollgate.redis;
