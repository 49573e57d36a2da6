package dev.tollgate.gateway.http;

import dev.tollgate.gateway.auth.Blocklist;

/** Refuses a call made for a blocked customer (the body's {@code user}), as LiteLLM's blocked-user check does. */
final class EndUserCheck {
  private EndUserCheck() {}

  static void check(Blocklist blocklist, String endUser) {
    if (endUser != null && blocklist.endUserBlocked(endUser)) {
      throw new ApiError(400, "invalid_request_error", "User blocked from making LLM API Calls. User=" + endUser,
          "user");
    }
  }
}
