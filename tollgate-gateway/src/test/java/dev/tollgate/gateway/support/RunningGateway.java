package dev.tollgate.gateway.support;

import dev.tollgate.gateway.ControlPlane;
import dev.tollgate.gateway.Gateway;
import dev.tollgate.gateway.SettingsFactory;
import dev.tollgate.gateway.config.ConfigLoader;
import dev.tollgate.gateway.config.ProxyConfig;
import dev.tollgate.testkit.FakeUpstream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A gateway on a free loopback port, serving a test config whose deployments point at a fake upstream. */
public final class RunningGateway implements AutoCloseable {
  public static final String MASTER_KEY = "sk-test-master";
  private final FakeUpstream fake;
  private final Gateway gateway;
  private final TestDatabase ownDatabase;

  private RunningGateway(FakeUpstream fake, Gateway gateway, TestDatabase ownDatabase) {
    this.fake = fake;
    this.gateway = gateway;
    this.ownDatabase = ownDatabase;
  }

  /** A gateway on its own temporary SQLite database. */
  public static RunningGateway start(String configResource) throws Exception {
    TestDatabase db = TestDatabase.sqlite();
    try {
      return start(configResource, db.url(), db);
    } catch (Exception e) {
      db.close();
      throw e;
    }
  }

  /**
   * A gateway on its own temporary SQLite database whose config may also name {@code env} (e.g. the URL of a fake
   * guardrail service the test started, or single sign-on settings).
   */
  public static RunningGateway start(String configResource, Map<String, String> env) throws Exception {
    TestDatabase db = TestDatabase.sqlite();
    try {
      return start(configResource, db.url(), db, java.util.function.UnaryOperator.identity(),
          dev.tollgate.gateway.shared.SharedState.local(), env);
    } catch (Exception e) {
      db.close();
      throw e;
    }
  }

  /** A gateway on the database at {@code databaseUrl}, which the caller owns. */
  public static RunningGateway start(String configResource, String databaseUrl) throws Exception {
    return start(configResource, databaseUrl, null);
  }

  /** A gateway on the caller's database whose spend store is wrapped by {@code spendStore} (failure injection). */
  public static RunningGateway startWithSpendStore(String configResource, String databaseUrl,
      java.util.function.UnaryOperator<dev.tollgate.gateway.spend.SpendStore> spendStore) throws Exception {
    return start(configResource, databaseUrl, null, spendStore);
  }

  private static RunningGateway start(String configResource, String databaseUrl, TestDatabase own) throws Exception {
    return start(configResource, databaseUrl, own, java.util.function.UnaryOperator.identity());
  }

  /** One of several gateways on the caller's database sharing limits and key invalidations through Redis. */
  public static RunningGateway startShared(String configResource, String databaseUrl,
      dev.tollgate.redis.RedisSettings redis) throws Exception {
    return start(configResource, databaseUrl, null, java.util.function.UnaryOperator.identity(),
        new dev.tollgate.gateway.shared.RedisSharedState(redis));
  }

  private static RunningGateway start(String configResource, String databaseUrl, TestDatabase own,
      java.util.function.UnaryOperator<dev.tollgate.gateway.spend.SpendStore> spendStore) throws Exception {
    return start(configResource, databaseUrl, own, spendStore, dev.tollgate.gateway.shared.SharedState.local());
  }

  private static RunningGateway start(String configResource, String databaseUrl, TestDatabase own,
      java.util.function.UnaryOperator<dev.tollgate.gateway.spend.SpendStore> spendStore,
      dev.tollgate.gateway.shared.SharedState shared) throws Exception {
    return start(configResource, databaseUrl, own, spendStore, shared, Map.of());
  }

  private static RunningGateway start(String configResource, String databaseUrl, TestDatabase own,
      java.util.function.UnaryOperator<dev.tollgate.gateway.spend.SpendStore> spendStore,
      dev.tollgate.gateway.shared.SharedState shared, Map<String, String> extraEnv) throws Exception {
    FakeUpstream fake = FakeUpstream.start();
    try {
      Path config = resource(configResource);
      Map<String, String> env = new java.util.HashMap<>(extraEnv);
      env.put("FAKE_OPENAI_BASE", fake.baseUrl());
      env.put("FAKE_AZURE_BASE", "http://127.0.0.1:" + fake.port());
      env.put("FAKE_GOOGLE_TOKEN_URI", fake.googleTokenUri());
      env.put("FAKE_AZURE_AI_BASE", fake.rootUrl() + "/models");
      env.put("FAKE_UPSTREAM_ROOT", fake.rootUrl());
      ProxyConfig loaded = ConfigLoader.load(config, env);
      Path state = Files.createTempDirectory("tollgate-test-state");
      SettingsFactory.Built built = SettingsFactory.build(loaded, state);
      ControlPlane plane = new ControlPlane(dev.tollgate.gateway.store.Database.open(databaseUrl), shared,
          spendStore);
      Gateway gateway = Gateway.start(built.settings(), plane, "127.0.0.1", 0, 2);
      return new RunningGateway(fake, gateway, own);
    } catch (Exception e) {
      fake.close();
      throw e;
    }
  }

  public static Path resource(String name) throws URISyntaxException {
    URI uri = RunningGateway.class.getResource(name).toURI();
    return Path.of(uri);
  }

  public FakeUpstream fake() {
    return fake;
  }

  public Gateway gateway() {
    return gateway;
  }

  /** The OpenAI base URL clients use: {@code http://127.0.0.1:<port>/v1}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + gateway.port() + "/v1";
  }

  public String url(String path) {
    return "http://127.0.0.1:" + gateway.port() + path;
  }

  public ControlPlane controlPlane() {
    return gateway.controlPlane();
  }

  @Override
  public void close() {
    gateway.close();
    fake.close();
    if (ownDatabase != null) {
      ownDatabase.close();
    }
  }
}
