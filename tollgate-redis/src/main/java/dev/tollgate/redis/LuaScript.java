package dev.tollgate.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A Lua script run by its SHA-1 ({@code EVALSHA}), sent whole ({@code EVAL}) when the server does not know it yet. */
public final class LuaScript {
  private final String source;
  private final String sha;

  public LuaScript(String source) {
    this.source = source;
    this.sha = sha1(source);
  }

  public String sha() {
    return sha;
  }

  /** Runs the script with {@code keys} and then {@code args}. */
  public Future<Response> run(Redis client, String[] keys, Object... args) {
    return client.send(request(Command.EVALSHA, sha, keys, args)).recover(e -> {
      String message = e.getMessage();
      if (message != null && message.startsWith("NOSCRIPT")) {
        return client.send(request(Command.EVAL, source, keys, args));
      }
      return Future.failedFuture(e);
    });
  }

  private static Request request(Command command, String script, String[] keys, Object[] args) {
    Request r = Request.cmd(command).arg(script).arg(keys.length);
    for (String key : keys) {
      r.arg(key);
    }
    for (Object arg : args) {
      r.arg(String.valueOf(arg));
    }
    return r;
  }

  private static String sha1(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
