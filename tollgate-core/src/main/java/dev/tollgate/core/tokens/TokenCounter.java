package dev.tollgate.core.tokens;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import dev.tollgate.providers.types.ChatMessage;
import dev.tollgate.providers.types.ChatRequest;
import dev.tollgate.providers.types.Json;
import dev.tollgate.providers.types.ToolCall;
import java.util.Locale;

/**
 * Counts tokens as OpenAI's tokenizers do, with jtokkit: {@code o200k_base} for the gpt-4o, gpt-4.1, gpt-4.5, gpt-5,
 * gpt-oss and o-series models, {@code cl100k_base} for every other model. For models that are not OpenAI's (Claude,
 * Gemini, Llama, ...) the count is an approximation: their tokenizers differ, typically by 10-30%. LiteLLM's
 * {@code token_counter} makes the same approximation when it has no tokenizer for a model.
 *
 * <p>Special-token text such as {@code <|endoftext|>} in user content is counted as ordinary text. Each encoding is
 * loaded once, on first use; the encodings are immutable and safe to share between threads.
 */
public final class TokenCounter {
  /** OpenAI's per-message overhead ({@code <|start|>role\n ... <|end|>}). */
  public static final int TOKENS_PER_MESSAGE = 3;
  /** Extra token when a message has a {@code name}. */
  public static final int TOKENS_PER_NAME = 1;
  /** Every reply is primed with {@code <|start|>assistant<|message|>}. */
  public static final int REPLY_PRIMING_TOKENS = 3;

  private static final class Registry {
    static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();
  }

  private static final class Cl100k {
    static final Encoding ENCODING = Registry.REGISTRY.getEncoding(EncodingType.CL100K_BASE);
  }

  private static final class O200k {
    static final Encoding ENCODING = Registry.REGISTRY.getEncoding(EncodingType.O200K_BASE);
  }

  private TokenCounter() {}

  /** The encoding used for {@code model} (a provider prefix such as {@code openai/} or {@code azure/} is ignored). */
  public static EncodingType encodingFor(String model) {
    if (model == null) {
      return EncodingType.CL100K_BASE;
    }
    String m = model.substring(model.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    if (m.startsWith("gpt-4o") || m.startsWith("chatgpt-4o") || m.startsWith("gpt-4.1") || m.startsWith("gpt-4.5")
        || m.startsWith("gpt-5") || m.startsWith("gpt-oss") || m.matches("o\\d.*")) {
      return EncodingType.O200K_BASE;
    }
    return EncodingType.CL100K_BASE;
  }

  /** Tokens of {@code text} in {@code cl100k_base} (0 for null). */
  public static int countText(String text) {
    return countText(null, text);
  }

  /** Tokens of {@code text} in the encoding of {@code model} (0 for null). */
  public static int countText(String model, String text) {
    if (text == null || text.isEmpty()) {
      return 0;
    }
    return encoding(encodingFor(model)).countTokensOrdinary(text);
  }

  /**
   * Prompt tokens of a chat request, by OpenAI's documented counting: 3 tokens per message plus the tokens of its
   * role, text content and name (+1 for a name), plus 3 for the reply priming. Only text parts of array content are
   * counted (images and audio are not). An assistant message's tool calls are counted as their function names and
   * argument strings; tool definitions are counted as their JSON. Tool counts are an approximation: OpenAI renders
   * tools into the prompt in an undocumented format.
   */
  public static int countPrompt(ChatRequest request) {
    Encoding enc = encoding(encodingFor(request.model()));
    int tokens = 0;
    if (request.messages() != null) {
      for (ChatMessage message : request.messages()) {
        tokens += TOKENS_PER_MESSAGE;
        tokens += count(enc, message.role());
        tokens += count(enc, message.text());
        if (message.name() != null) {
          tokens += count(enc, message.name()) + TOKENS_PER_NAME;
        }
        if (message.toolCalls() != null) {
          for (ToolCall call : message.toolCalls()) {
            if (call.function() != null) {
              tokens += count(enc, call.function().name()) + count(enc, call.function().arguments());
            }
          }
        }
      }
    }
    if (request.tools() != null && !request.tools().isEmpty()) {
      tokens += count(enc, Json.writeString(request.tools()));
    }
    return tokens + REPLY_PRIMING_TOKENS;
  }

  private static int count(Encoding enc, String text) {
    return text == null || text.isEmpty() ? 0 : enc.countTokensOrdinary(text);
  }

  private static Encoding encoding(EncodingType type) {
    return type == EncodingType.O200K_BASE ? O200k.ENCODING : Cl100k.ENCODING;
  }
}
