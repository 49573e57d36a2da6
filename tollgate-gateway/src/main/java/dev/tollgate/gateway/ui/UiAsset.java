package dev.tollgate.gateway.ui;

import io.vertx.core.buffer.Buffer;

/**
 * One static file of the admin dashboard, read once from the classpath and kept in memory: its bytes, content type,
 * strong ETag and {@code Cache-Control} value.
 */
record UiAsset(Buffer body, String contentType, String etag, String cacheControl) {}
