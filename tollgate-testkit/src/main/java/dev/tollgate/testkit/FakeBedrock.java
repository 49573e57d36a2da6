package dev.tollgate.testkit;

/**
 * What the fake Bedrock Runtime ({@link BedrockRuntimeHandler}) accepts: one region and one set of credentials,
 * static access keys signed with SigV4 or a Bedrock API key as a bearer token. Point a {@code bedrock/} deployment at
 * {@link FakeUpstream#rootUrl()} (as {@code api_base} or {@code aws_bedrock_runtime_endpoint}) with these values.
 */
public final class FakeBedrock {
  public static final String REGION = "us-east-1";
  public static final String ACCESS_KEY_ID = "AKIAFAKEBEDROCK0001";
  public static final String SECRET_ACCESS_KEY = "fake/bedrock+secret/key0000000000000000";
  public static final String API_KEY = "fake-bedrock-api-key";

  private FakeBedrock() {}
}
