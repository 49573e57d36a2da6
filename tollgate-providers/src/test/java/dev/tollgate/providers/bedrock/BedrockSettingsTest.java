package dev.tollgate.providers.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.providers.error.AuthenticationException;
import dev.tollgate.providers.error.BadRequestException;
import dev.tollgate.providers.spi.CallTarget;
import dev.tollgate.providers.spi.HttpCall;
import dev.tollgate.providers.types.ChatMessage;
import dev.tollgate.providers.types.ChatRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Endpoint, region and credentials: deployment settings first, then the environment, as the AWS SDKs read them. */
class BedrockSettingsTest {
  private static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";
  private final BedrockProvider provider = BedrockTargets.provider();
  private final ChatRequest hi = ChatRequest.builder().addMessage(ChatMessage.user("hi")).build();

  @Test
  void regionAndKeysComeFromTheEnvironmentWhenTheDeploymentHasNone() {
    CallTarget resolved = provider.resolve(CallTarget.of("bedrock", MODEL), Map.of(
        "AWS_REGION", "eu-west-3", "AWS_ACCESS_KEY_ID", "AKIAENV", "AWS_SECRET_ACCESS_KEY", "envsecret",
        "AWS_SESSION_TOKEN", "envtoken"));

    HttpCall call = provider.chatCall(hi, resolved);

    assertThat(call.url()).startsWith("https://bedrock-runtime.eu-west-3.amazonaws.com/model/");
    assertThat(call.headers().get("Authorization")).contains("Credential=AKIAENV/20260101/eu-west-3/bedrock/");
    assertThat(call.headers()).containsEntry("X-Amz-Security-Token", "envtoken");
  }

  @Test
  void deploymentSettingsWinOverTheEnvironment() {
    CallTarget deployment = CallTarget.of("bedrock", MODEL).withSettings(BedrockTargets.settings(
        "aws_region_name", "us-west-2", "aws_access_key_id", "AKIADEPLOY", "aws_secret_access_key", "s"));

    CallTarget resolved = provider.resolve(deployment, Map.of("AWS_REGION", "eu-west-3",
        "AWS_ACCESS_KEY_ID", "AKIAENV", "AWS_SECRET_ACCESS_KEY", "envsecret", "AWS_BEARER_TOKEN_BEDROCK", "bt"));

    HttpCall call = provider.chatCall(hi, resolved);
    assertThat(call.url()).contains("us-west-2");
    assertThat(call.headers().get("Authorization")).contains("AKIADEPLOY/20260101/us-west-2/bedrock/aws4_request");
  }

  @Test
  void aBedrockApiKeyIsSentAsABearerToken() {
    CallTarget fromEnv = provider.resolve(CallTarget.of("bedrock", MODEL),
        Map.of("AWS_REGION", "us-east-1", "AWS_BEARER_TOKEN_BEDROCK", "bedrock-api-key-abc",
            "AWS_ACCESS_KEY_ID", "AKIAENV", "AWS_SECRET_ACCESS_KEY", "envsecret"));
    CallTarget fromDeployment = provider.resolve(CallTarget.of("bedrock", MODEL).withApiKey("deploy-key")
        .withSettings(BedrockTargets.settings("aws_region_name", "us-east-1")), Map.of());

    assertThat(provider.chatCall(hi, fromEnv).headers()).containsEntry("authorization", "Bearer bedrock-api-key-abc")
        .doesNotContainKey("X-Amz-Date");
    assertThat(provider.chatCall(hi, fromDeployment).headers()).containsEntry("authorization", "Bearer deploy-key");
  }

  @Test
  void anEndpointOverrideKeepsTheRegionForSigning() {
    CallTarget viaSetting = BedrockTargets.signed(MODEL).withSettings(BedrockTargets.settings(
        "aws_bedrock_runtime_endpoint", "https://vpce-1.bedrock-runtime.us-east-1.vpce.amazonaws.com/",
        "aws_region_name", "us-east-1", "aws_access_key_id", "AKID", "aws_secret_access_key", "s"));
    CallTarget viaApiBase = BedrockTargets.signed(MODEL).withApiBase("http://127.0.0.1:9999");

    assertThat(provider.chatCall(hi, viaSetting).url())
        .startsWith("https://vpce-1.bedrock-runtime.us-east-1.vpce.amazonaws.com/model/");
    assertThat(provider.chatCall(hi, viaApiBase).url()).startsWith("http://127.0.0.1:9999/model/");
  }

  @Test
  void theRegionIsReadFromAStandardEndpointHost() {
    CallTarget target = CallTarget.of("bedrock", MODEL).withApiBase("https://bedrock-runtime.ap-south-1.amazonaws.com")
        .withSettings(BedrockTargets.settings("aws_access_key_id", "AKID", "aws_secret_access_key", "s"));

    assertThat(provider.chatCall(hi, target).headers().get("Authorization")).contains("/ap-south-1/bedrock/");
  }

  @Test
  void noRegionIsAClearError() {
    CallTarget target = provider.resolve(CallTarget.of("bedrock", MODEL).withSettings(BedrockTargets.settings(
        "aws_access_key_id", "AKID", "aws_secret_access_key", "s")), Map.of());

    assertThatThrownBy(() -> provider.chatCall(hi, target))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("aws_region_name")
        .hasMessageContaining("AWS_REGION");
  }

  @Test
  void credentialFlowsThatNeedIoFailNamingTheVariablesToSet() {
    CallTarget target = provider.resolve(CallTarget.of("bedrock", MODEL).withSettings(BedrockTargets.settings(
        "aws_region_name", "us-east-1", "aws_role_name", "arn:aws:iam::1:role/r", "aws_session_name", "s")), Map.of());

    assertThatThrownBy(() -> provider.chatCall(hi, target))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("aws_role_name")
        .hasMessageContaining("STS")
        .hasMessageContaining("AWS_ACCESS_KEY_ID")
        .hasMessageContaining("AWS_BEARER_TOKEN_BEDROCK");
  }

  @Test
  void settingsAreNeverPrinted() {
    CallTarget target = BedrockTargets.signed(MODEL);

    assertThat(target.toString()).doesNotContain(BedrockTargets.SECRET).contains("aws_secret_access_key");
  }
}
