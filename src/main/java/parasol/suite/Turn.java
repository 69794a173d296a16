package parasol.suite;

/** One message of an item's conversation; single-turn items have one user turn. */
public record Turn(Role role, String text) {
    public enum Role { USER, ASSISTANT }

    public static Turn user(String text) { return new Turn(Role.USER, text); }
}
