package dev.tollgate.core.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.providers.types.ChatChunk;
import dev.tollgate.providers.types.ChatMessage;
import dev.tollgate.providers.types.ChatRequest;
import dev.tollgate.providers.mock.MockResponder;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkStreamTest {

  private static List<ChatChunk> mockChunks() {
    return MockResponder.stream(ChatRequest.builder().model("mock/x").addMessage(ChatMessage.user("hi")).build());
  }

  @Test
  void onEndRunsOnceWhenTheStreamIsReadToItsEnd() {
    List<Boolean> ends = new ArrayList<>();
    ChunkStream stream = ChunkStream.of(mockChunks()).onEnd((complete, usage) -> ends.add(complete));

    stream.forEachRemaining(chunk -> { });
    stream.close();

    assertThat(ends).containsExactly(true);
  }

  @Test
  void aStreamClosedBeforeItsEndReportsIncomplete() {
    List<Boolean> ends = new ArrayList<>();
    ChunkStream stream = new ChunkStream(new ByteArrayInputStream(new byte[0]), null, "openai", "gpt")
        .onEnd((complete, usage) -> ends.add(complete));

    stream.close();
    stream.close();

    assertThat(ends).containsExactly(false);
  }
}
