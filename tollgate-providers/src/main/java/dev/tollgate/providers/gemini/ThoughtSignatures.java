package dev.tollgate.providers.gemini;

import dev.tollgate.providers.Ids;
import java.util.Base64;

/**
 * Carries Gemini's {@code thoughtSignature} through OpenAI clients inside the tool-call id. Gemini 3 models return a
 * signature on function-call parts and reject the next turn if it does not come back on the same part; OpenAI clients
 * know nothing of it but do echo tool-call ids verbatim (on the assistant message and as the tool message's
 * {@code tool_call_id}). So the id is {@code call_<random>} or {@code call_<random>__ts_<signature>}, the signature in
 * unpadded base64url so the id keeps to {@code [A-Za-z0-9_-]} (what strict providers accept as ids).
 */
final class ThoughtSignatures {
  static final String MARK = "__ts_";

  private ThoughtSignatures() {}

  /** A fresh tool-call id, carrying {@code signature} (Gemini's standard base64) when not null. */
  static String newCallId(String signature) {
    String base = "call_" + Ids.uuid().replace("-", "").substring(0, 24);
    if (signature == null || signature.isEmpty()) {
      return base;
    }
    try {
      byte[] raw = Base64.getDecoder().decode(signature);
      return base + MARK + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    } catch (IllegalArgumentException notBase64) {
      return base; // an opaque signature we cannot carry safely; the turn then goes without it
    }
  }

  /** The signature a tool-call id carries, in Gemini's standard base64, or null. */
  static String fromCallId(String id) {
    if (id == null) {
      return null;
    }
    int at = id.indexOf(MARK);
    if (at < 0) {
      return null;
    }
    try {
      byte[] raw = Base64.getUrlDecoder().decode(id.substring(at + MARK.length()));
      return Base64.getEncoder().encodeToString(raw);
    } catch (IllegalArgumentException notOurs) {
      return null;
    }
  }
}
