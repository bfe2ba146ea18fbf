package dev.mailsift.web.platform.node;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What this node does ({@code mailsift.roles}, {@code MAILSIFT_ROLES}): any non-empty mix of {@code api} (the REST
 * API and dashboard), {@code worker} (verifies chunks of work) and {@code projections} (the streaming event
 * processors: read models, the pipeline saga, and the deadline scheduler). One JVM runs all three by default.
 * See docs/decisions/0023-node-roles.md.
 */
public record NodeRoles(Set<Role> roles) {

    public static final String PROPERTY = "mailsift.roles";
    public static final String DEFAULT = "api,worker,projections";

    public enum Role {
        API, WORKER, PROJECTIONS;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** {@code mailsift.role.<role>}: derived true/false, for {@code @ConditionalOnProperty}. */
        public String flagProperty() {
            return "mailsift.role." + label();
        }
    }

    public NodeRoles {
        roles = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
    }

    /** Parses a comma-separated list; anything but a non-empty list of known roles fails with a clear message. */
    public static NodeRoles parse(String value) {
        String text = value == null ? "" : value.strip();
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        List<String> unknown = new ArrayList<>();
        for (String part : text.split(",")) {
            String name = part.strip().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            try {
                roles.add(Role.valueOf(name.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                unknown.add(part.strip());
            }
        }
        if (!unknown.isEmpty() || roles.isEmpty()) {
            throw new InvalidNodeRolesException(
                    (unknown.isEmpty() ? "No role given" : "Unknown role(s) " + unknown) + " in " + PROPERTY
                            + " (MAILSIFT_ROLES) = '" + text + "'. Give a comma-separated subset of "
                            + "api, worker, projections (default: all three).");
        }
        return new NodeRoles(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean api() {
        return has(Role.API);
    }

    public boolean worker() {
        return has(Role.WORKER);
    }

    public boolean projections() {
        return has(Role.PROJECTIONS);
    }

    @Override
    public String toString() {
        return roles.stream().map(Role::label).collect(Collectors.joining(","));
    }

    /** {@code mailsift.roles} names a role that does not exist, or none at all, or a combination that cannot work. */
    public static class InvalidNodeRolesException extends IllegalStateException {

        public InvalidNodeRolesException(String message) {
            super(message);
        }
    }
}
