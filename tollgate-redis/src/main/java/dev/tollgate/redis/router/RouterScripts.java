package dev.tollgate.redis.router;

import dev.tollgate.redis.LuaScript;

/** The Lua scripts behind the router state's atomic operations; each touches the keys of one deployment only. */
final class RouterScripts {
  private RouterScripts() {}

  /**
   * KEYS[1] the minute's usage hash; ARGV rpm, tpm (-1 unlimited), the hash's TTL in ms. Admits and counts one request
   * when requests stay within rpm and tokens are below tpm. Returns {admitted (1/0), requests, tokens}.
   */
  static final LuaScript ACQUIRE = new LuaScript("""
      local v = redis.call('HMGET', KEYS[1], 'r', 't')
      local r = tonumber(v[1] or '0')
      local t = tonumber(v[2] or '0')
      local rpm = tonumber(ARGV[1])
      local tpm = tonumber(ARGV[2])
      if (rpm >= 0 and r >= rpm) or (tpm >= 0 and t >= tpm) then
        return {0, r, t}
      end
      r = redis.call('HINCRBY', KEYS[1], 'r', 1)
      if redis.call('PTTL', KEYS[1]) < 0 then
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
      end
      return {1, r, t}
      """);

  /**
   * KEYS[1] the failure counter; ARGV the window in ms. Counts one failure; the first of a window starts its expiry.
   * Returns the count.
   */
  static final LuaScript COUNT_FAILURE = new LuaScript("""
      local n = redis.call('INCR', KEYS[1])
      if n == 1 or redis.call('PTTL', KEYS[1]) < 0 then
        redis.call('PEXPIRE', KEYS[1], ARGV[1])
      end
      return n
      """);

  /**
   * KEYS[1] the cooldown key; ARGV until (epoch ms), its TTL in ms. Sets the cooldown unless a later one is set
   * already (a cooldown only ever grows, as in every instance's memory). Returns the cooldown now in force.
   */
  static final LuaScript COOLDOWN = new LuaScript("""
      local cur = redis.call('GET', KEYS[1])
      if not cur or tonumber(ARGV[1]) > tonumber(cur) then
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
        return ARGV[1]
      end
      return cur
      """);
}
