package rawsock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import rawsock.testing.RequiresRoot;

/** The AppCDS training walks send and recv as far as an interface that does not exist, and sends nothing. */
class CdsTrainingTest {
    @Test
    @RequiresRoot
    void everyPacketCommandStopsAtTheMissingInterface() throws Exception {
        List<Integer> statuses = CdsTraining.run();
        assertEquals(CdsTraining.COMMAND_LINES.size(), statuses.size());
        for (int i = 0; i < statuses.size(); i++) {
            String line = String.join(" ", CdsTraining.COMMAND_LINES.get(i));
            boolean packets = line.contains(CdsTraining.NO_SUCH_INTERFACE);
            // 0 after a send or recv would mean it got past the interface: it could have sent.
            int expected = packets ? 4 : 0;
            assertEquals(expected, statuses.get(i), line);
        }
        assertTrue(statuses.contains(4));
    }
}
