package dev.tollgate.gateway.guardrails.builtin;

/** A found entity: the characters {@code [start, end)} of a text, and what they are ({@code EMAIL_ADDRESS}, ...). */
public record Span(int start, int end, String entity) {}
