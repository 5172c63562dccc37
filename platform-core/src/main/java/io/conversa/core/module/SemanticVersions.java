package io.conversa.core.module;

import java.util.Comparator;

/** Orders semantic versions as semver.org does (numbers numerically; a pre-release before its release). */
final class SemanticVersions {

    static final Comparator<String> ORDER = SemanticVersions::compare;

    private SemanticVersions() {
    }

    private static int compare(String a, String b) {
        String[] left = core(a).split("\\.");
        String[] right = core(b).split("\\.");
        for (int i = 0; i < 3; i++) {
            int byNumber = Long.compare(Long.parseLong(left[i]), Long.parseLong(right[i]));
            if (byNumber != 0) {
                return byNumber;
            }
        }
        String leftPre = preRelease(a);
        String rightPre = preRelease(b);
        if (leftPre.isEmpty() || rightPre.isEmpty()) {
            return Boolean.compare(leftPre.isEmpty(), rightPre.isEmpty());
        }
        return leftPre.compareTo(rightPre);
    }

    private static String core(String version) {
        return version.split("[-+]", 2)[0];
    }

    private static String preRelease(String version) {
        String withoutBuild = version.split("\\+", 2)[0];
        int dash = withoutBuild.indexOf('-');
        return dash < 0 ? "" : withoutBuild.substring(dash + 1);
    }
}
