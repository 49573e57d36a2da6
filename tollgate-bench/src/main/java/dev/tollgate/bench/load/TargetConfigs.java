package dev.tollgate.bench.load;

/** The generated configuration files: nginx.conf and the gateway's config.yaml. */
public final class TargetConfigs {
  private TargetConfigs() {}

  public static final String MASTER_KEY = "sk-bench-master";
  public static final String STREAM_MODEL = "bench-model-stream";

  /**
   * nginx as a plain reverse proxy: one server per upstream (plain and streaming fake), keep-alive to the upstream,
   * no buffering (SSE), logs off or in the prefix folder.
   */
  public static String nginx(String prefix, int listenPlain, int plainUpstream, int listenStream, int streamUpstream,
      boolean runAsRoot) {
    return (runAsRoot ? "user root;\n" : "") + """
        daemon off;
        worker_processes 2;
        pid %1$s/nginx.pid;
        error_log %1$s/error.log warn;
        events {
          worker_connections 8192;
        }
        http {
          access_log off;
          keepalive_requests 1000000;
          keepalive_timeout 120s;
          client_body_temp_path %1$s/client_body;
          proxy_temp_path %1$s/proxy;
          fastcgi_temp_path %1$s/fastcgi;
          uwsgi_temp_path %1$s/uwsgi;
          scgi_temp_path %1$s/scgi;
          upstream fake {
            server 127.0.0.1:%3$d;
            keepalive 64;
            keepalive_requests 1000000;
          }
          upstream fake_stream {
            server 127.0.0.1:%5$d;
            keepalive 64;
            keepalive_requests 1000000;
          }
          server {
            listen 127.0.0.1:%2$d;
            location / {
              proxy_pass http://fake;
              proxy_http_version 1.1;
              proxy_set_header Connection "";
              proxy_buffering off;
            }
          }
          server {
            listen 127.0.0.1:%4$d;
            location / {
              proxy_pass http://fake_stream;
              proxy_http_version 1.1;
              proxy_set_header Connection "";
              proxy_buffering off;
              proxy_read_timeout 60s;
            }
          }
        }
        """.formatted(prefix, listenPlain, plainUpstream, listenStream, streamUpstream);
  }

  /** Tollgate's bench config: {@code bench-model} to the plain fake, {@code bench-model-stream} to the streaming one. */
  public static String tollgate(int plainPort, int streamPort) {
    return """
        model_list:
          - model_name: bench-model
            litellm_params:
              model: openai/bench-model
              api_base: http://127.0.0.1:%d/v1
              api_key: sk-bench
          - model_name: %s
            litellm_params:
              model: openai/bench-model
              api_base: http://127.0.0.1:%d/v1
              api_key: sk-bench
        general_settings:
          master_key: %s
        """.formatted(plainPort, STREAM_MODEL, streamPort, MASTER_KEY);
  }

  public static String body(String model, boolean stream) {
    return "{\"model\":\"" + model + "\"," + (stream ? "\"stream\":true," : "")
        + "\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";
  }
}
