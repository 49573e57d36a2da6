package dev.tollgate.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.providers.error.AuthenticationException;
import dev.tollgate.providers.error.BadRequestException;
import dev.tollgate.providers.error.ErrorMapping;
import dev.tollgate.providers.error.InternalServerException;
import dev.tollgate.providers.error.ProviderException;
import dev.tollgate.providers.error.UnsupportedParamsException;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.ChatAdapter;
import dev.tollgate.providers.spi.ChatStreamDecoder;
import dev.tollgate.providers.spi.ChatStreamRelay;
import dev.tollgate.providers.spi.EmbeddingAdapter;
import dev.tollgate.providers.spi.HttpCall;
import dev.tollgate.providers.spi.HttpReply;
import dev.tollgate.providers.spi.Provider;
import dev.tollgate.providers.types.ChatRequest;
import dev.tollgate.providers.types.ChatResponse;
import dev.tollgate.providers.types.EmbeddingRequest;
import dev.tollgate.providers.types.EmbeddingResponse;
import dev.tollgate.providers.types.Json;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every OpenAI-compatible provider, driven by its {@link ProviderRow}: the request body is the OpenAI body with the
 * provider's model name (unknown fields kept), the URL and auth header come from the row.
 */
public final class OpenAiCompatibleAdapter implements Provider, ChatAdapter, EmbeddingAdapter {
  private final ProviderRow row;

  public OpenAiCompatibleAdapter(ProviderRow row) {
    this.row = row;
  }

  public ProviderRow row() {
    return row;
  }

  @Override
  public String name() {
    return row.id();
  }

  @Override
  public CallTarget resolve(CallTarget target, Map<String, String> env) {
    CallTarget out = target;
    if (blank(out.apiBase())) {
      String fromEnv = row.apiBaseEnv() == null ? null : env.get(row.apiBaseEnv());
      out = out.withApiBase(blank(fromEnv) ? row.baseUrl() : fromEnv);
    }
    if (blank(out.apiKey())) {
      for (String name : row.apiKeyEnv()) {
        if (!blank(env.get(name))) {
          out = out.withApiKey(env.get(name));
          break;
        }
      }
    }
    if (blank(out.apiVersion()) && row.apiVersion() != null) {
      String fromEnv = row.apiVersion().env() == null ? null : env.get(row.apiVersion().env());
      out = out.withApiVersion(blank(fromEnv) ? row.apiVersion().defaultValue() : fromEnv);
    }
    return out;
  }

  @Override
  public ChatAdapter chat() {
    return this;
  }

  @Override
  public Optional<EmbeddingAdapter> embeddings() {
    return row.embeddingsPath() == null ? Optional.empty() : Optional.of(this);
  }

  @Override
  public HttpCall chatCall(ChatRequest request, CallTarget target) {
    byte[] body;
    if (needsShaping(request, target)) {
      ObjectNode tree = Json.MAPPER.valueToTree(request);
      shapeBody(tree, target);
      body = Json.write(tree);
    } else {
      // The common case: only the model name changes, so the record is written straight to bytes.
      body = Json.write(request.model() != null && request.model().equals(target.model())
          ? request
          : request.withModel(target.model()));
    }
    return HttpCall.postJson(url(row.chatPath(), target), headers(target), body, target.timeout());
  }

  /** The OpenAI body as parsed: set the provider's model and defaults on the tree and write it; no binding. */
  @Override
  public HttpCall chatCall(ObjectNode body, CallTarget target) {
    shapeBody(body, target);
    return HttpCall.postJson(url(row.chatPath(), target), headers(target), Json.write(body), target.timeout());
  }

  @Override
  public boolean takesOpenAiTree() {
    return true;
  }

  private boolean needsShaping(ChatRequest request, CallTarget target) {
    if (!row.modelInBody() || !target.params().isEmpty()) {
      return true;
    }
    if (!row.unsupportedParams().isEmpty() || !row.paramMappings().isEmpty()) {
      return true;
    }
    return false;
  }

  @Override
  public ChatResponse chatResponse(HttpReply reply, CallTarget target) {
    return parse(reply, ChatResponse.class, target);
  }

  @Override
  public ChatStreamDecoder chatStream(CallTarget target) {
    return new OpenAiStreamDecoder(row.id(), target.model());
  }

  /** The reply already is OpenAI's JSON: forward it as is when it is a JSON object, else parse (and fail clearly). */
  @Override
  public byte[] chatResponseBytes(HttpReply reply, CallTarget target) {
    if (looksLikeJsonObject(reply.body())) {
      return reply.body();
    }
    return Json.write(chatResponse(reply, target));
  }

  /** True unless the provider's row lists {@code stream_options} among its unsupported params. */
  @Override
  public boolean streamsOpenAiUsage() {
    return !row.unsupportedParams().contains("stream_options");
  }

  @Override
  public ChatStreamRelay chatStreamRelay(CallTarget target) {
    return new OpenAiStreamPassthrough(row.id(), target.model());
  }

  @Override
  public byte[] embeddingResponseBytes(HttpReply reply, CallTarget target) {
    if (looksLikeJsonObject(reply.body())) {
      return reply.body();
    }
    return Json.write(embeddingResponse(reply, target));
  }

  @Override
  public HttpCall embeddingCall(EmbeddingRequest request, CallTarget target) {
    ObjectNode body = Json.MAPPER.valueToTree(request);
    shapeBody(body, target);
    return HttpCall.postJson(url(row.embeddingsPath(), target), headers(target), Json.write(body), target.timeout());
  }

  @Override
  public EmbeddingResponse embeddingResponse(HttpReply reply, CallTarget target) {
    return parse(reply, EmbeddingResponse.class, target);
  }

  @Override
  public ProviderException error(HttpReply reply, CallTarget target) {
    return ErrorMapping.fromReply(reply, row.id(), target.model());
  }

  private void shapeBody(ObjectNode body, CallTarget target) {
    if (row.modelInBody()) {
      body.put("model", target.model());
    } else {
      body.remove("model");
    }
    target.params().forEach((name, value) -> {
      if (!body.has(name)) {
        body.set(name, value);
      }
    });
    for (String param : row.unsupportedParams()) {
      if (body.has(param)) {
        if (!target.dropParams()) {
          throw new UnsupportedParamsException(param, row.id(), target.model());
        }
        body.remove(param);
      }
    }
    row.paramMappings().forEach((from, to) -> {
      JsonNode value = body.remove(from);
      if (value != null && !body.has(to)) {
        body.set(to, value);
      }
    });
  }

  private String url(String pathTemplate, CallTarget target) {
    if (blank(target.apiBase())) {
      throw new BadRequestException(
          row.id() + " needs an api_base: set api_base on the deployment"
              + (row.apiBaseEnv() == null ? "" : " or the " + row.apiBaseEnv() + " environment variable"),
          row.id(),
          target.model());
    }
    String base = target.apiBase().endsWith("/")
        ? target.apiBase().substring(0, target.apiBase().length() - 1)
        : target.apiBase();
    String path = pathTemplate.replace("{model}", URLEncoder.encode(target.model(), StandardCharsets.UTF_8));
    String url = base + path;
    if (row.apiVersion() != null && !blank(target.apiVersion())) {
      url += (url.contains("?") ? "&" : "?") + row.apiVersion().query() + "="
          + URLEncoder.encode(target.apiVersion(), StandardCharsets.UTF_8);
    }
    return url;
  }

  private Map<String, String> headers(CallTarget target) {
    Map<String, String> headers = new LinkedHashMap<>(row.headers());
    if (!blank(target.apiKey())) {
      headers.put(row.authHeader(), row.authScheme() + target.apiKey());
    } else if (row.keyRequired()) {
      throw new AuthenticationException(
          "No API key for " + row.id() + ": set api_key on the deployment"
              + (row.apiKeyEnv().isEmpty() ? "" : " or the " + String.join(" / ", row.apiKeyEnv()) + " variable"),
          row.id(),
          target.model());
    }
    headers.putAll(target.headers());
    return headers;
  }

  private <T> T parse(HttpReply reply, Class<T> type, CallTarget target) {
    try {
      return Json.read(reply.body(), type);
    } catch (IOException e) {
      throw new InternalServerException(
          row.id() + " returned a reply that is not valid JSON: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage()), row.id(), target.model());
    }
  }

  private static boolean looksLikeJsonObject(byte[] body) {
    int start = 0;
    int end = body.length - 1;
    while (start <= end && Character.isWhitespace(body[start])) {
      start++;
    }
    while (end >= start && Character.isWhitespace(body[end])) {
      end--;
    }
    return start < end && body[start] == '{' && body[end] == '}';
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
