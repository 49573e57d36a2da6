/**
 * The router's state ({@link dev.tollgate.core.router.RouterState}) shared between gateway instances through Redis:
 * {@link dev.tollgate.redis.router.RedisRouterState} and its parts: the keys ({@code RouterKeys}), the atomic scripts
 * ({@code RouterScripts}), the per-deployment bookkeeping of what is not written yet ({@code DeploymentShare}), the
 * background batch ({@code RouterRefresh}) and the cooldown key and channel ({@code CooldownShare}).
 */
package dev.tollgate.redis.router;
