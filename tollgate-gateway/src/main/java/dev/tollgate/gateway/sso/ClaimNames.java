package dev.tollgate.gateway.sso;

/**
 * Which claims of the identity provider's answer (userinfo, over the id_token's claims) name the user. Each name may
 * be a dotted path into nested objects ({@code attributes.email}), as LiteLLM's {@code GENERIC_USER_*_ATTRIBUTE}
 * variables allow.
 *
 * @param id the stable user id ({@code GENERIC_USER_ID_ATTRIBUTE}; LiteLLM's default {@code preferred_username})
 * @param fallbackEmail a second e-mail claim read when {@code email} is absent (Microsoft's {@code mail}), or null
 * @param role a claim holding a LiteLLM role name ({@code GENERIC_USER_ROLE_ATTRIBUTE}), or null
 * @param provider a claim naming the upstream provider, stored in the user's metadata as {@code auth_provider}
 * @param requireVerifiedEmail refuse an answer whose {@code email_verified} is not true (Google)
 */
public record ClaimNames(String id, String email, String fallbackEmail, String displayName, String firstName,
    String lastName, String role, String provider, boolean requireVerifiedEmail) {}
