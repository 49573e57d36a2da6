package dev.tollgate.gateway.guardrails.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.guardrails.Guardrail;
import dev.tollgate.gateway.guardrails.StreamMasking;
import dev.tollgate.gateway.guardrails.TextMask;
import dev.tollgate.gateway.guardrails.Verdict;
import dev.tollgate.providers.types.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The windowed stream mask against the whole-text mask: the texts of {@code stream/mask-texts.txt} split at every
 * point, char by char, and in random chunkings, plus generated texts packed with entities, separators and look-alikes,
 * must come out exactly as the guardrail masks the whole text at once; and the mask never holds back more than its
 * window.
 */
class SpanWindowMaskTest {
  private static final String[] FRAGMENTS = {"jane.doe@example.com", "a@b.io", "x.y+z@mail.example.co.uk", "@", ".",
      "4111 1111 1111 1111", "4111111111111111", "5500-0000-0000-0004", "4012 8888 8888 1881", "+44 20 7946 0958",
      "(415) 555-0132", "415-555-0132", "DE89 3704 0044 0532 0130 00", "GB82WEST12345698765432", "078-05-1120",
      "192.168.1.20", "10.0.0.1", "fe80::1ff:fe23:4567:890a", "::1", "2024", "2021 2022", "12345678", "v1.2.3",
      "1.2.3.4.5", " ", " ", " ", "\n", ", ", "-", "(", ")", "+", "word", "project zeus", "Project", "zeus", "e", "1",
      "42", "ab12"};

  private static SpanGuardrail pii() {
    return (SpanGuardrail) BuiltInGuardrails.build("tollgate/pii", Json.object(), "pii");
  }

  private static Guardrail build(String id, String params) {
    return BuiltInGuardrails.build(id, (ObjectNode) Json.tree(params.getBytes(StandardCharsets.UTF_8)), id);
  }

  private static List<String> texts() {
    try (InputStream in = SpanWindowMaskTest.class.getResourceAsStream("/guardrails/stream/mask-texts.txt")) {
      String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      List<String> out = new ArrayList<>();
      StringBuilder current = new StringBuilder();
      for (String line : all.split("\n", -1)) {
        if (line.startsWith("#")) {
          continue;
        }
        if (line.equals("----")) {
          out.add(current.toString());
          current.setLength(0);
        } else {
          current.append(current.isEmpty() ? "" : "\n").append(line);
        }
      }
      return out;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** What the guardrail makes of the whole text at once. */
  private static String whole(Guardrail g, String text) {
    return g.check(List.of(text)) instanceof Verdict.Masked m ? m.texts().get(0) : text;
  }

  /** What the windowed mask hands out for {@code text} pushed in pieces ending at {@code cuts}. */
  private static String streamed(Guardrail g, String text, int[] cuts) {
    TextMask mask = ((StreamMasking.Windowed) g.streamMasking()).masks().get();
    StringBuilder out = new StringBuilder();
    int from = 0;
    for (int cut : cuts) {
      out.append(mask.push(text.substring(from, cut)));
      from = cut;
    }
    out.append(mask.push(text.substring(from)));
    out.append(mask.finish());
    assertThat(mask.blocked()).isNull();
    return out.toString();
  }

  private static int[] randomCuts(Random random, int length, int maxPiece) {
    List<Integer> cuts = new ArrayList<>();
    int at = 0;
    while (true) {
      at += 1 + random.nextInt(maxPiece);
      if (at >= length) {
        break;
      }
      cuts.add(at);
    }
    return cuts.stream().mapToInt(Integer::intValue).toArray();
  }

  private static void assertStreamsAsWhole(Guardrail g, String text, Random random) {
    String expected = whole(g, text);
    for (int i = 1; i < text.length(); i++) {
      assertThat(streamed(g, text, new int[] {i})).as("split at %d of %s", i, text).isEqualTo(expected);
    }
    int[] everyChar = new int[Math.max(0, text.length() - 1)];
    for (int i = 0; i < everyChar.length; i++) {
      everyChar[i] = i + 1;
    }
    assertThat(streamed(g, text, everyChar)).as("char by char: %s", text).isEqualTo(expected);
    for (int round = 0; round < 40; round++) {
      int[] cuts = randomCuts(random, text.length(), 1 + random.nextInt(48));
      assertThat(streamed(g, text, cuts)).as("chunks %s of %s", java.util.Arrays.toString(cuts), text)
          .isEqualTo(expected);
    }
  }

  @Test
  void piiMasksAStreamExactlyAsTheWholeText() {
    SpanGuardrail g = pii();
    List<String> texts = texts();
    assertThat(texts).hasSizeGreaterThanOrEqualTo(4);
    Random random = new Random(7);
    for (String text : texts) {
      assertStreamsAsWhole(g, text, random);
    }
    assertThat(whole(g, texts.get(0))).contains("<EMAIL_ADDRESS>").contains("<CREDIT_CARD>")
        .doesNotContain("jane.doe").doesNotContain("4111 1111");
  }

  @Test
  void generatedTextsPackedWithEntitiesStreamAsTheWholeText() {
    Random random = new Random(2024);
    Guardrail pii = pii();
    Guardrail cardsOnly = build("tollgate/pii", "{\"entities\": [\"CREDIT_CARD\", \"US_SSN\"]}");
    Guardrail keywords = build("tollgate/keywords", "{\"keywords\": [\"project zeus\", \"zeus\"], \"action\": \"MASK\"}");
    for (int n = 0; n < 150; n++) {
      StringBuilder text = new StringBuilder();
      int parts = 10 + random.nextInt(70);
      for (int i = 0; i < parts; i++) {
        text.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
      }
      String t = text.toString();
      for (Guardrail g : List.of(pii, cardsOnly, keywords)) {
        String expected = whole(g, t);
        for (int round = 0; round < 6; round++) {
          int[] cuts = randomCuts(random, t.length(), 1 + random.nextInt(30));
          assertThat(streamed(g, t, cuts)).as("chunks %s of %s", java.util.Arrays.toString(cuts), t)
              .isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void neverHoldsBackMoreThanItsWindow() {
    Guardrail g = pii();
    int window = ((StreamMasking.Windowed) g.streamMasking()).window();
    assertThat(window).isEqualTo(PiiDetector.EMAIL_REACH);
    TextMask mask = ((StreamMasking.Windowed) g.streamMasking()).masks().get();
    String text = texts().get(1).repeat(3); // nothing to mask
    int in = 0;
    int out = 0;
    for (int at = 0; at < text.length(); at += 7) {
      String piece = text.substring(at, Math.min(text.length(), at + 7));
      in += piece.length();
      out += mask.push(piece).length();
      assertThat(in - out).isBetween(0, window);
    }
    assertThat(out + mask.finish().length()).isEqualTo(text.length());
    assertThat(mask.masked()).isEmpty();
  }

  @Test
  void anEntityThatBlocksStopsTheMaskBeforeAnyOfItIsHandedOut() {
    Guardrail g = build("tollgate/pii", "{\"pii_entities_config\": {\"EMAIL_ADDRESS\": \"MASK\", "
        + "\"CREDIT_CARD\": \"BLOCK\"}}");
    TextMask mask = ((StreamMasking.Windowed) g.streamMasking()).masks().get();
    StringBuilder out = new StringBuilder();
    String text = "mail jane.doe@example.com, then pay with 4111 1111 ".repeat(1) + "1111 1111 and more text "
        + "x".repeat(500);
    for (int at = 0; at < text.length() && mask.blocked() == null; at += 9) {
      out.append(mask.push(text.substring(at, Math.min(text.length(), at + 9))));
    }
    assertThat(mask.blocked()).isNotNull();
    assertThat(mask.blocked().entities()).containsExactly("CREDIT_CARD");
    assertThat(out.toString()).doesNotContain("4111").doesNotContain("jane.doe");
    assertThat(mask.push("more")).isEmpty();
    assertThat(mask.finish()).isEmpty();
  }

  @Test
  void eachBuiltInSaysHowItMasksAStream() {
    assertThat(pii().streamMasking()).isInstanceOfSatisfying(StreamMasking.Windowed.class,
        w -> assertThat(w.window()).isEqualTo(PiiDetector.EMAIL_REACH));
    assertThat(build("tollgate/pii", "{\"entities\": [\"CREDIT_CARD\", \"PHONE_NUMBER\"]}").streamMasking())
        .isInstanceOfSatisfying(StreamMasking.Windowed.class,
            w -> assertThat(w.window()).isEqualTo(PiiDetector.OTHER_REACH));
    assertThat(build("tollgate/pii", "{\"pii_entities_config\": {\"CREDIT_CARD\": \"BLOCK\"}}").streamMasking())
        .isEqualTo(StreamMasking.NEVER);
    assertThat(build("tollgate/secrets", "{}").streamMasking()).isEqualTo(StreamMasking.WHOLE_TEXT);
    assertThat(build("tollgate/secrets", "{\"action\": \"BLOCK\"}").streamMasking()).isEqualTo(StreamMasking.NEVER);
    assertThat(build("tollgate/keywords", "{\"keywords\": [\"falcon\"], \"action\": \"MASK\"}").streamMasking())
        .isInstanceOfSatisfying(StreamMasking.Windowed.class, w -> assertThat(w.window()).isEqualTo(14));
    assertThat(build("tollgate/keywords", "{\"keywords\": [\"falcon\"], \"patterns\": [\"case-\\\\d+\"], "
        + "\"action\": \"MASK\"}").streamMasking()).isEqualTo(StreamMasking.WHOLE_TEXT);
    assertThat(build("tollgate/keywords", "{\"keywords\": [\"falcon\"]}").streamMasking())
        .isEqualTo(StreamMasking.NEVER);
    for (String id : List.of("tollgate/prompt_injection", "tollgate/topics", "tollgate/max_input")) {
      String params = switch (id) {
        case "tollgate/topics" -> "{\"denied_topics\": {\"w\": [\"bomb\"]}}";
        case "tollgate/max_input" -> "{\"max_chars\": 10}";
        default -> "{}";
      };
      assertThat(build(id, params).streamMasking()).as(id).isEqualTo(StreamMasking.NEVER);
    }
    Guardrail custom = texts -> Verdict.PASS;
    assertThat(custom.streamMasking()).isEqualTo(StreamMasking.WHOLE_TEXT);
    assertThat(Map.of()).isEmpty();
  }
}
