package org.compliantsms.bench;

import java.util.ArrayList;
import java.util.List;

/** The run's recipients: valid mobile numbers the suppression index has never seen (opt-outs are permanent). */
public final class Recipients {
    private static final int MAX_ROUNDS = 5;

    private Recipients() {
    }

    public static List<String> fresh(int count, long seed, SuppressionIndexProbe index, List<String> regions) {
        MobileNumbers numbers = new MobileNumbers(seed, regions);
        List<String> chosen = new ArrayList<>(numbers.next(count));
        for (int round = 0; round < MAX_ROUNDS; round++) {
            boolean[] known = index.known(chosen);
            int replaced = 0;
            for (int i = 0; i < known.length; i++) {
                if (known[i]) {
                    chosen.set(i, numbers.next());
                    replaced++;
                }
            }
            if (replaced == 0) {
                return chosen;
            }
            Log.info("replaced %d number(s) the suppression index already knew", replaced);
        }
        return chosen;
    }
}
