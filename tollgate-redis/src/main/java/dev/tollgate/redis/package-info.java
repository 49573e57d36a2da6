/**
 * Redis-backed shared state (counters, cooldowns, cache, key revocations) so that several gateway instances act as
 * one. Empty until the router and control-plane work lands; the module exists so the layout matches DESIGN.md.
 */
package dev.tollgate.redis;
