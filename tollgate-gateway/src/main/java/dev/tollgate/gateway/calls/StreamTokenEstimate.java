package dev.tollgate.gateway.calls;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tollgate.core.tokens.TokenCounter;
import dev.tollgate.providers.types.ChatRequest;
import dev.tollgate.providers.types.Json;
import dev.tollgate.providers.types.Usage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Usage for a stream whose upstream sent none: keeps the text of the SSE frames relayed to the client (the string
 * values of OpenAI's {@code content}, {@code refusal}, and tool calls' {@code name} and {@code arguments}, and of
 * Anthropic's {@code text}, {@code thinking} and {@code partial_json} on {@code /v1/messages}, up to
 * {@value #MAX_BYTES} bytes) and, only when the stream ends without a usage chunk, counts its tokens and the prompt
 * tokens of the request with {@link TokenCounter}, as LiteLLM does for streams without usage.
 *
 * <p>Each frame is scanned once, byte by byte, and only the (still JSON-escaped) text bytes are kept: a stream holds a
 * few bytes per event instead of the whole frame, which matters with a thousand streams open (a 50-event stream kept
 * ~16 KB of frames before; now about its reply's length). The text is unescaped once, at the end.
 */
public final class StreamTokenEstimate {
  public static final int MAX_BYTES = 1024 * 1024;
  // OpenAI's chunk fields, then Anthropic's event fields (text_delta, thinking_delta, input_json_delta)
  private static final byte[][] TEXT_KEYS = {bytes("content"), bytes("refusal"), bytes("name"), bytes("arguments"),
      bytes("text"), bytes("thinking"), bytes("partial_json")};
  private byte[] text = new byte[64];
  private int size;
  private boolean truncated;

  /** Keeps the text of a relayed frame (SSE bytes, one or more events). */
  public void relayed(byte[] frame) {
    boolean keyWanted = false;
    boolean valueWanted = false;
    int n = frame.length;
    int i = 0;
    while (i < n) {
      byte b = frame[i];
      if (b == '"') {
        int start = i + 1;
        int end = start;
        while (end < n && frame[end] != '"') {
          end += frame[end] == '\\' ? 2 : 1;
        }
        end = Math.min(end, n);
        if (valueWanted) {
          keep(frame, start, end);
          valueWanted = false;
        } else {
          keyWanted = isTextKey(frame, start, end);
        }
        i = end + 1;
        continue;
      }
      if (b == ':') {
        valueWanted = keyWanted;
        keyWanted = false;
      } else if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        valueWanted = false;
        keyWanted = false;
      }
      i++;
    }
  }

  private void keep(byte[] frame, int from, int to) {
    int length = to - from;
    if (length <= 0) {
      return;
    }
    if (size + length > MAX_BYTES) {
      truncated = true;
      return;
    }
    if (size + length > text.length) {
      text = Arrays.copyOf(text, Math.max(size + length, text.length * 2));
    }
    System.arraycopy(frame, from, text, size, length);
    size += length;
  }

  private static boolean isTextKey(byte[] frame, int from, int to) {
    for (byte[] key : TEXT_KEYS) {
      if (Arrays.equals(frame, from, to, key, 0, key.length)) {
        return true;
      }
    }
    return false;
  }

  /** True when text was dropped past {@link #MAX_BYTES} (the estimate then counts less than was sent). */
  public boolean truncated() {
    return truncated;
  }

  /** The estimated usage: prompt tokens of {@code request}, completion tokens of the relayed text. */
  public Usage estimate(ChatRequest request) {
    int prompt = request == null ? 0 : TokenCounter.countPrompt(request);
    String model = request == null ? null : request.model();
    int completion = TokenCounter.countText(model, completionText());
    return Usage.of(prompt, completion);
  }

  /** The text the stream carried, in order (unescaped). */
  public String completionText() {
    if (size == 0) {
      return "";
    }
    byte[] quoted = new byte[size + 2];
    quoted[0] = '"';
    System.arraycopy(text, 0, quoted, 1, size);
    quoted[size + 1] = '"';
    try {
      return Json.MAPPER.readValue(quoted, String.class);
    } catch (JsonProcessingException e) {
      return new String(text, 0, size, StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      return new String(text, 0, size, StandardCharsets.UTF_8);
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
