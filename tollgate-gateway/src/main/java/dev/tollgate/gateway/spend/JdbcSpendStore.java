package dev.tollgate.gateway.spend;

import dev.tollgate.gateway.store.Database;
import dev.tollgate.gateway.store.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a batch of call records in one transaction on the calling thread (the spend writer's own, which is never an
 * event loop): the rows of {@code tg_spend_logs} (PostgreSQL: one {@code COPY}, see {@link PostgresLogCopy};
 * SQLite, and a retried batch on PostgreSQL: a batch INSERT where a request id already there is skipped, so a retried
 * batch whose commit did reach the database does not fail forever), {@code spend = spend + ?} per key, user, team,
 * organization and end user (rows that exist) (summed over the batch), and upserts of the daily aggregates in {@code tg_daily_spend} for the key, user (the user
 * {@code ''} for a call without one), team, organization, end user and tags (tokens, cache read / write tokens, spend,
 * requests, successes, failures),
 * and of each virtual key's spend per model group and day in {@code tg_key_model_spend} (what {@code model_max_budget}
 * windows sum). Every aggregate is summed over the batch first (one statement per distinct row) and its statements run
 * in a sorted order, so that concurrent writers (several gateways on one PostgreSQL) lock rows in one order.
 *
 * <p>Writing on the caller's one thread rather than the database's pool keeps every batch on the same pooled
 * connection (the pool hands a thread the connection it used last): SQLite drops a connection's page cache whenever
 * another connection wrote, so batches that rotated over the pool's four connections each started cold. On the
 * 2-core bench machine this cut the spend write from about 14.5 to 12 µs of CPU per row (docs/benchmarks.md).
 */
public final class JdbcSpendStore implements SpendStore {
  static final String INSERT_LOG = "INSERT INTO tg_spend_logs (" + SpendLogColumns.NAMES + ") VALUES ("
      + "?, ".repeat(SpendLogColumns.COUNT - 1) + "?) ON CONFLICT (request_id) DO NOTHING";
  static final String UPSERT_DAILY = "INSERT INTO tg_daily_spend (entity_type, entity_id, day, api_key, model, "
      + "model_group, custom_llm_provider, endpoint, prompt_tokens, completion_tokens, cache_read_input_tokens, "
      + "cache_creation_input_tokens, spend, api_requests, successful_requests, failed_requests, updated_at) "
      + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      + "ON CONFLICT (entity_type, entity_id, day, api_key, model, model_group, custom_llm_provider, endpoint) "
      + "DO UPDATE SET "
      + "prompt_tokens = tg_daily_spend.prompt_tokens + excluded.prompt_tokens, "
      + "completion_tokens = tg_daily_spend.completion_tokens + excluded.completion_tokens, "
      + "cache_read_input_tokens = tg_daily_spend.cache_read_input_tokens + excluded.cache_read_input_tokens, "
      + "cache_creation_input_tokens = tg_daily_spend.cache_creation_input_tokens "
      + "+ excluded.cache_creation_input_tokens, "
      + "spend = tg_daily_spend.spend + excluded.spend, "
      + "api_requests = tg_daily_spend.api_requests + excluded.api_requests, "
      + "successful_requests = tg_daily_spend.successful_requests + excluded.successful_requests, "
      + "failed_requests = tg_daily_spend.failed_requests + excluded.failed_requests, "
      + "updated_at = excluded.updated_at";

  static final String UPSERT_KEY_MODEL = "INSERT INTO tg_key_model_spend (token, model_group, day, spend) "
      + "VALUES (?, ?, ?, ?) ON CONFLICT (token, model_group, day) DO UPDATE SET "
      + "spend = tg_key_model_spend.spend + excluded.spend";

  /**
   * Log rows bound per JDBC batch, several per transaction: the drivers hold a batch's bound values (SQLite: boxed
   * numbers, the metadata texts) until it runs, so that a batch of thousands would keep them alive long enough to be
   * promoted to the old generation; in chunks they die young. The work per row is the same (PostgreSQL rewrites a
   * batch into INSERTs of up to 128 rows either way).
   */
  static final int LOG_CHUNK = 256;

  private final Database db;

  public JdbcSpendStore(Database db) {
    this.db = db;
  }

  @Override
  public void write(List<SpendRow> batch) {
    db.inline(c -> db.transaction(c, tx -> {
      writeLogs(tx, batch);
      addSpend(tx, "tg_keys", "token", sum(batch, SpendRow::apiKey));
      addSpend(tx, "tg_users", "user_id", sum(batch, SpendRow::userId));
      addSpend(tx, "tg_teams", "team_id", sum(batch, SpendRow::teamId));
      addSpend(tx, "tg_organizations", "organization_id", sum(batch, SpendRow::organizationId));
      addSpend(tx, "tg_end_users", "user_id", sum(batch, SpendRow::endUser));
      addMemberSpend(tx, batch);
      UtcDays days = new UtcDays();
      upsertDaily(tx, batch, days);
      upsertKeyModels(tx, batch, days);
      return null;
    }));
  }

  /**
   * PostgreSQL: one {@code COPY} ({@link PostgresLogCopy}) in a savepoint; when a request id is already there (a
   * retried batch whose commit did reach the database) the savepoint is rolled back and the batch inserted with the
   * conflict-skipping {@code INSERT}. SQLite: the {@code INSERT}.
   */
  private void writeLogs(Connection tx, List<SpendRow> batch) throws SQLException {
    if (batch.stream().noneMatch(SpendRow::writeLogRow)) {
      return; // general_settings.disable_spend_logs
    }
    if (db.dialect() != Dialect.POSTGRESQL) {
      insertLogs(tx, batch);
      return;
    }
    Savepoint before = tx.setSavepoint();
    try {
      PostgresLogCopy.copy(tx, batch);
      tx.releaseSavepoint(before);
    } catch (SQLException e) {
      if (!PostgresLogCopy.UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw e;
      }
      tx.rollback(before);
      insertLogs(tx, batch);
    }
  }

  private static void insertLogs(Connection tx, List<SpendRow> batch) throws SQLException {
    try (PreparedStatement s = tx.prepareStatement(INSERT_LOG)) {
      Parameters parameters = new Parameters(s);
      int bound = 0;
      for (SpendRow r : batch) {
        if (!r.writeLogRow()) {
          continue; // general_settings.disable_spend_logs
        }
        parameters.next = 1;
        SpendLogColumns.write(r, parameters);
        s.addBatch();
        if (++bound == LOG_CHUNK) {
          s.executeBatch();
          bound = 0;
        }
      }
      s.executeBatch();
    }
  }

  /** Binds a row's values to the statement's parameters in column order. */
  private static final class Parameters implements SpendLogColumns.Sink {
    private final PreparedStatement statement;
    int next;

    Parameters(PreparedStatement statement) {
      this.statement = statement;
    }

    @Override
    public void text(String value) throws SQLException {
      statement.setString(next++, value);
    }

    @Override
    public void number(long value) throws SQLException {
      statement.setLong(next++, value);
    }

    @Override
    public void real(double value) throws SQLException {
      statement.setDouble(next++, value);
    }

    @Override
    public void bool(boolean value) throws SQLException {
      statement.setBoolean(next++, value);
    }
  }

  private interface Field {
    String of(SpendRow r);
  }

  private static Map<String, Double> sum(List<SpendRow> batch, Field field) {
    Map<String, Double> sums = new TreeMap<>(); // sorted: concurrent writers lock rows in one order
    for (SpendRow r : batch) {
      String id = field.of(r);
      if (id != null && r.cost() != 0) {
        sums.merge(id, r.cost(), Double::sum);
      }
    }
    return sums;
  }

  private record Member(String teamId, String userId) {
    static final Comparator<Member> ORDER = Comparator.comparing(Member::teamId).thenComparing(Member::userId);
  }

  /** {@code tg_team_members.spend} of each call's (team, user), as LiteLLM adds to {@code LiteLLM_TeamMembership}. */
  private static void addMemberSpend(Connection tx, List<SpendRow> batch) throws SQLException {
    Map<Member, Double> sums = new TreeMap<>(Member.ORDER);
    for (SpendRow r : batch) {
      if (r.teamId() != null && r.userId() != null && r.cost() != 0) {
        sums.merge(new Member(r.teamId(), r.userId()), r.cost(), Double::sum);
      }
    }
    if (sums.isEmpty()) {
      return;
    }
    try (PreparedStatement s = tx.prepareStatement(
        "UPDATE tg_team_members SET spend = spend + ? WHERE team_id = ? AND user_id = ?")) {
      for (Map.Entry<Member, Double> e : sums.entrySet()) {
        s.setDouble(1, e.getValue());
        s.setString(2, e.getKey().teamId());
        s.setString(3, e.getKey().userId());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  private static void addSpend(Connection tx, String table, String idColumn, Map<String, Double> sums)
      throws SQLException {
    if (sums.isEmpty()) {
      return;
    }
    try (PreparedStatement s = tx.prepareStatement(
        "UPDATE " + table + " SET spend = spend + ? WHERE " + idColumn + " = ?")) {
      for (Map.Entry<String, Double> e : sums.entrySet()) {
        s.setDouble(1, e.getValue());
        s.setString(2, e.getKey());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  private record DailyKey(String entityType, String entityId, String day, String apiKey, String model,
      String modelGroup, String provider, String endpoint) {
    static final Comparator<DailyKey> ORDER = Comparator.comparing(DailyKey::entityType)
        .thenComparing(DailyKey::entityId).thenComparing(DailyKey::day).thenComparing(DailyKey::apiKey)
        .thenComparing(DailyKey::model).thenComparing(DailyKey::modelGroup).thenComparing(DailyKey::provider)
        .thenComparing(DailyKey::endpoint);
  }

  private static final class DailySums {
    long prompt;
    long completion;
    long cacheRead;
    long cacheCreation;
    double spend;
    long requests;
    long ok;
    long failed;
  }

  private static void upsertDaily(Connection tx, List<SpendRow> batch, UtcDays days) throws SQLException {
    Map<DailyKey, DailySums> sums = new HashMap<>();
    for (SpendRow r : batch) {
      String day = days.of(r.startMillis());
      String endpoint = endpoint(r.callType());
      add(sums, "key", r.apiKey(), day, r, endpoint);
      // a call without a user counts under the user '' (LiteLLM's spend logs say user ""), so that the users' rows of
      // a day add up to all of its calls: /user/daily/activity without user_id is the dashboard's global view
      add(sums, "user", r.userId() == null ? "" : r.userId(), day, r, endpoint);
      add(sums, "team", r.teamId(), day, r, endpoint);
      add(sums, "organization", r.organizationId(), day, r, endpoint);
      add(sums, "end_user", r.endUser(), day, r, endpoint);
      for (String tag : r.tags()) {
        add(sums, "tag", tag, day, r, endpoint);
      }
    }
    List<Map.Entry<DailyKey, DailySums>> sorted = new ArrayList<>(sums.entrySet());
    sorted.sort(Map.Entry.comparingByKey(DailyKey.ORDER)); // concurrent writers lock rows in one order
    long now = System.currentTimeMillis();
    try (PreparedStatement s = tx.prepareStatement(UPSERT_DAILY)) {
      for (Map.Entry<DailyKey, DailySums> e : sorted) {
        DailyKey k = e.getKey();
        DailySums v = e.getValue();
        int i = 1;
        s.setString(i++, k.entityType());
        s.setString(i++, k.entityId());
        s.setString(i++, k.day());
        s.setString(i++, k.apiKey());
        s.setString(i++, k.model());
        s.setString(i++, k.modelGroup());
        s.setString(i++, k.provider());
        s.setString(i++, k.endpoint());
        s.setLong(i++, v.prompt);
        s.setLong(i++, v.completion);
        s.setLong(i++, v.cacheRead);
        s.setLong(i++, v.cacheCreation);
        s.setDouble(i++, v.spend);
        s.setLong(i++, v.requests);
        s.setLong(i++, v.ok);
        s.setLong(i++, v.failed);
        s.setLong(i++, now);
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  /** The route a call type was made on, as LiteLLM's {@code ROUTE_ENDPOINT_MAPPING} names it. */
  static String endpoint(String callType) {
    return switch (callType == null ? "" : callType) {
      case "acompletion" -> "/chat/completions";
      case "aembedding" -> "/embeddings";
      case "anthropic_messages" -> "/v1/messages";
      default -> callType == null ? "" : callType;
    };
  }

  private static void add(Map<DailyKey, DailySums> sums, String type, String id, String day, SpendRow r,
      String endpoint) {
    if (id == null || (id.isEmpty() && !type.equals("user"))) {
      return;
    }
    DailyKey key = new DailyKey(type, id, day, r.apiKey() == null ? "" : r.apiKey(),
        r.model() == null ? "" : r.model(), r.modelGroup() == null ? "" : r.modelGroup(),
        r.provider() == null ? "" : r.provider(), endpoint);
    DailySums s = sums.computeIfAbsent(key, k -> new DailySums());
    s.prompt += r.promptTokens();
    s.completion += r.completionTokens();
    s.cacheRead += r.cacheReadTokens();
    s.cacheCreation += r.cacheCreationTokens();
    s.spend += r.cost();
    s.requests++;
    if (r.succeeded()) {
      s.ok++;
    } else {
      s.failed++;
    }
  }

  private record KeyModelDay(String token, String modelGroup, String day) {
    static final Comparator<KeyModelDay> ORDER = Comparator.comparing(KeyModelDay::token)
        .thenComparing(KeyModelDay::modelGroup).thenComparing(KeyModelDay::day);
  }

  /** Adds each virtual key's cost per model group and UTC day (calls with a cost only). */
  private static void upsertKeyModels(Connection tx, List<SpendRow> batch, UtcDays days) throws SQLException {
    Map<KeyModelDay, Double> sums = new TreeMap<>(KeyModelDay.ORDER);
    for (SpendRow r : batch) {
      if (r.virtualKey() && r.modelGroup() != null && r.cost() != 0) {
        sums.merge(new KeyModelDay(r.apiKey(), r.modelGroup(), days.of(r.startMillis())), r.cost(), Double::sum);
      }
    }
    if (sums.isEmpty()) {
      return;
    }
    try (PreparedStatement s = tx.prepareStatement(UPSERT_KEY_MODEL)) {
      for (Map.Entry<KeyModelDay, Double> e : sums.entrySet()) {
        s.setString(1, e.getKey().token());
        s.setString(2, e.getKey().modelGroup());
        s.setString(3, e.getKey().day());
        s.setDouble(4, e.getValue());
        s.addBatch();
      }
      s.executeBatch();
    }
  }
}
