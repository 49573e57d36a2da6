package dev.tollgate.core.router;

import java.util.List;

/**
 * What one leg of a routed request goes to: a model group (the selector picks within it), or a single deployment
 * named by its id in a fallback list (called directly, even while it cools down, as LiteLLM does).
 *
 * @param name the group name reported in traces and {@link AttemptInfo}
 * @param group the group to select from; null for a direct deployment
 * @param direct the deployment to call; null for a group
 */
record RouteTarget(String name, ModelGroups.Group group, ModelGroups.Pick direct) {

  static RouteTarget of(ModelGroups.Group group) {
    return new RouteTarget(group.name(), group, null);
  }

  static RouteTarget direct(ModelGroups.Pick pick) {
    return new RouteTarget(pick.deployment().modelName(), null, pick);
  }

  List<Deployment> deployments() {
    return group != null ? group.deployments() : List.of(direct.deployment());
  }
}
