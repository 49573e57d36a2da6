package dev.tollgate.providers.vertex;

import dev.tollgate.providers.error.BadRequestException;
import dev.tollgate.providers.spi.CallTarget;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where a Vertex AI model lives: {@code {base}/v1/projects/{project}/locations/{location}/publishers/{publisher}/
 * models/{model}:{method}}. The base is the deployment's api_base when set, else the regional host
 * {@code https://{location}-aiplatform.googleapis.com}, or {@code https://aiplatform.googleapis.com} for the
 * {@code global} location.
 */
final class VertexLocation {
  static final String PROJECT = "vertex_project";
  static final String LOCATION = "vertex_location";
  static final String CREDENTIALS = "vertex_credentials";
  static final String DEFAULT_LOCATION = "us-central1";

  private VertexLocation() {}

  static String url(CallTarget target, String publisher, String method) {
    String project = target.setting(PROJECT);
    if (project == null || project.isBlank()) {
      throw new BadRequestException("vertex_ai needs a project: set vertex_project on the deployment or the "
          + "VERTEXAI_PROJECT variable", target.provider(), target.model());
    }
    String location = target.setting(LOCATION);
    if (location == null || location.isBlank()) {
      location = DEFAULT_LOCATION;
    }
    String base = target.apiBase() != null && !target.apiBase().isBlank()
        ? target.apiBase().replaceAll("/+$", "")
        : "global".equals(location) ? "https://aiplatform.googleapis.com"
            : "https://" + location + "-aiplatform.googleapis.com";
    if (base.endsWith("/v1")) {
      base = base.substring(0, base.length() - 3);
    }
    return base + "/v1/projects/" + encode(project) + "/locations/" + encode(location) + "/publishers/" + publisher
        + "/models/" + encode(target.model()) + ":" + method;
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("%40", "@");
  }
}
