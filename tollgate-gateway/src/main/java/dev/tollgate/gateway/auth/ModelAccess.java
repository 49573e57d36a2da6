package dev.tollgate.gateway.auth;

import dev.tollgate.gateway.http.ApiError;
import dev.tollgate.gateway.keys.VirtualKey;
import dev.tollgate.gateway.models.AccessGroups;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * Which models a virtual key may call. {@code models} empty (or holding {@code all-proxy-models}) allows every
 * model; {@code all-team-models} allows what the key's team allows (the team's list is checked before the call by
 * {@link dev.tollgate.gateway.budgets.BudgetChecks}, for every key of a team); otherwise a model is allowed when it is listed (exactly, or by a {@code prefix/*} entry) or is a key of the
 * key's {@code aliases}, which also map it to the model group actually routed, or when one of its entries is an
 * access group of the model's deployments ({@link AccessGroups}).
 */
public final class ModelAccess {
  private ModelAccess() {}

  /**
   * The model group to route {@code requested} to for this request's caller, or a 401
   * {@code key_model_access_denied} when the key may not use it.
   */
  public static String resolve(RoutingContext ctx, String requested, AccessGroups groups) {
    VirtualKey key = Caller.of(ctx).key();
    if (key == null) {
      return requested;
    }
    if (!allowed(key, requested, groups)) {
      throw new ApiError(401, "key_model_access_denied", "key not allowed to access model. This key can only access "
          + "models=" + key.models() + ". Tried to access " + requested, "model");
    }
    return key.aliases().getOrDefault(requested, requested);
  }

  /** As {@link #allowed(VirtualKey, String)}, also allowing a model one of the key's access groups grants. */
  public static boolean allowed(VirtualKey key, String model, AccessGroups groups) {
    return allowed(key, model) || groups.grants(key.models(), model);
  }

  public static boolean allowed(VirtualKey key, String model) {
    List<String> models = key.models();
    if (models.isEmpty() || models.contains("all-proxy-models") || models.contains("all-team-models")
        || key.aliases().containsKey(model)) {
      return true;
    }
    for (String m : models) {
      if (m.equals(model) || (m.endsWith("*") && model.startsWith(m.substring(0, m.length() - 1)))) {
        return true;
      }
    }
    return false;
  }
}
