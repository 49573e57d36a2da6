package dev.tollgate.gateway.budgets;

import dev.tollgate.gateway.keys.VirtualKey;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The user, team and organization of the calling key, the end user named by the request's {@code user} field and
 * the key's user's membership of the key's team ({@code teamMember}, for {@code max_budget_in_team}), each null when
 * not named or not found. The organization is the key's, else its team's (as LiteLLM's organization
 * budget check reads it).
 */
public record RequestEntities(Entity user, Entity team, Entity organization, Entity endUser, Entity teamMember) {
  public static final RequestEntities NONE = new RequestEntities(null, null, null, null, null);

  public RequestEntities(Entity user, Entity team, Entity organization, Entity endUser) {
    this(user, team, organization, endUser, null);
  }

  /**
   * Looks the entities up in {@code cache}: an already-completed future when every one is cached (the usual case, no
   * hop), else one that completes on a database thread once the missing rows are loaded.
   */
  public static CompletableFuture<RequestEntities> load(EntityCache cache, VirtualKey key, String endUserId) {
    String userId = key == null ? null : key.userId();
    String teamId = key == null ? null : key.teamId();
    String orgId = key == null ? null : key.organizationId();
    if (userId == null && teamId == null && orgId == null && endUserId == null) {
      return CompletableFuture.completedFuture(NONE);
    }
    CompletableFuture<Optional<Entity>> user = get(cache, EntityKind.USER, userId);
    CompletableFuture<Optional<Entity>> team = get(cache, EntityKind.TEAM, teamId);
    CompletableFuture<Optional<Entity>> org = get(cache, EntityKind.ORGANIZATION, orgId);
    CompletableFuture<Optional<Entity>> end = get(cache, EntityKind.END_USER, endUserId);
    CompletableFuture<Optional<Entity>> member = userId == null || teamId == null || userId.isEmpty()
        || teamId.isEmpty() ? CompletableFuture.completedFuture(Optional.empty())
        : cache.get(EntityKind.TEAM_MEMBER, EntityKind.memberId(teamId, userId));
    CompletableFuture<RequestEntities> first;
    if (user.isDone() && team.isDone() && org.isDone() && end.isDone() && member.isDone()) {
      try {
        first = CompletableFuture.completedFuture(of(user, team, org, end, member));
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
    } else {
      first = CompletableFuture.allOf(user, team, org, end, member)
          .thenApply(v -> of(user, team, org, end, member));
    }
    return first.thenCompose(found -> withTeamOrganization(cache, found));
  }

  /** Adds the team's organization when the key names none. */
  private static CompletableFuture<RequestEntities> withTeamOrganization(EntityCache cache, RequestEntities found) {
    if (found.organization() != null || found.team() == null || found.team().organizationId() == null) {
      return CompletableFuture.completedFuture(found);
    }
    return cache.get(EntityKind.ORGANIZATION, found.team().organizationId()).thenApply(org ->
        new RequestEntities(found.user(), found.team(), org.orElse(null), found.endUser(), found.teamMember()));
  }

  private static CompletableFuture<Optional<Entity>> get(EntityCache cache, EntityKind kind, String id) {
    return id == null || id.isEmpty() ? CompletableFuture.completedFuture(Optional.empty()) : cache.get(kind, id);
  }

  private static RequestEntities of(CompletableFuture<Optional<Entity>> user,
      CompletableFuture<Optional<Entity>> team, CompletableFuture<Optional<Entity>> org,
      CompletableFuture<Optional<Entity>> end, CompletableFuture<Optional<Entity>> member) {
    return new RequestEntities(user.join().orElse(null), team.join().orElse(null), org.join().orElse(null),
        end.join().orElse(null), member.join().orElse(null));
  }
}
