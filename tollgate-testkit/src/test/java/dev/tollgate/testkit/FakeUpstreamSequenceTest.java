package dev.tollgate.testkit;

import static dev.tollgate.testkit.TestHttp.fixture;
import static dev.tollgate.testkit.TestHttp.postString;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link FakeUpstream#scriptSequence}: behaviours in turn, the last repeating. */
class FakeUpstreamSequenceTest {
  private static FakeUpstream fake;

  @BeforeAll
  static void start() {
    fake = FakeUpstream.start();
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  @Test
  void answersInTurnThenRepeatsTheLast() throws Exception {
    fake.reset();
    fake.script("gpt-4o-mini", Behavior.reply("plain script loses"));
    fake.scriptSequence("gpt-4o-mini", Behavior.openAiError(429, "slow down", "rate_limit_error", null),
        Behavior.reply("first"), Behavior.reply("then always"));
    String url = fake.baseUrl() + "/chat/completions";

    assertThat(postString(url, fixture("chat-request.json")).statusCode()).isEqualTo(429);
    assertThat(postString(url, fixture("chat-request.json")).body()).contains("first");
    assertThat(postString(url, fixture("chat-request.json")).body()).contains("then always");
    assertThat(postString(url, fixture("chat-request.json")).body()).contains("then always");

    fake.reset();
    assertThat(postString(url, fixture("chat-request.json")).body()).contains("echo: ");
  }
}
