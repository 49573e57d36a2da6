package dev.tollgate.gateway.spend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.calls.CallRecord;
import dev.tollgate.providers.types.Json;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code metadata} and {@code request_tags} texts of the fixture batch's rows are those in
 * {@code spend/store-batch-written.json} (what the writer wrote before {@link SpendRow}): added fields in their order,
 * a request field of the same name overwritten in its place, failures' {@code error_information}, escapes.
 */
class SpendMetadataTest {
  private final List<CallRecord> calls =
      FixtureCalls.records(FixtureCalls.fixture("/spend/store-batch.json").get("calls"));
  private final Map<String, JsonNode> written = new HashMap<>();

  SpendMetadataTest() {
    FixtureCalls.fixture("/spend/store-batch-written.json").get("spend_logs")
        .forEach(row -> written.put(row.get("request_id").asText(), row));
  }

  @Test
  void eachRowsMetadataTextIsTheOneWrittenBefore() {
    int compared = 0;
    for (CallRecord r : calls) {
      JsonNode row = written.get(r.requestId);
      if (row == null) {
        continue; // no log row (disable_spend_logs)
      }
      assertThat(SpendMetadata.json(SpendRow.of(r))).as(r.requestId).isEqualTo(row.get("metadata").asText());
      compared++;
    }
    assertThat(compared).isEqualTo(written.size());
  }

  @Test
  void eachRowsTagsTextIsTheOneWrittenBefore() {
    for (CallRecord r : calls) {
      JsonNode row = written.get(r.requestId);
      if (row != null) {
        assertThat(SpendMetadata.tags(r.tags)).as(r.requestId).isEqualTo(row.get("request_tags").asText());
      }
    }
  }

  @Test
  void theRequestsOwnMetadataObjectIsLeftAsItWas() {
    for (CallRecord r : calls) {
      if (r.metadata == null) {
        continue;
      }
      String before = Json.writeString(r.metadata);
      SpendMetadata.json(SpendRow.of(r));
      assertThat(Json.writeString(r.metadata)).as(r.requestId).isEqualTo(before);
    }
  }
}
