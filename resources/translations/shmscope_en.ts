<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>Narration</name>
    <message>
        <source>Start the demo (Ctrl+D): producers write messages into a ring buffer in shared memory, consumers take them out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Producers write %1 (%2), consumers read %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 slots are full.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Half of the messages arrive within %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProcessSupervisor</name>
    <message>
        <source>starting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>killed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SessionConfig</name>
    <message>
        <source>&quot;%1&quot; must be one of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a non-negative number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the configuration starts no worker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a JSON object: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <source>producer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>consumer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>starting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>blocked (no free slot)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>blocked (no data)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting for lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in critical section</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>writing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>free</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>being written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>being read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>abandoned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bridge (send)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bridge (receive)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bridge</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>scenarios</name>
    <message>
        <source>mpmc ring of 64 slots × 4 KiB, 2 producers at 50,000 msg/s, 2 consumers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>spsc ring of 8 slots × 1 MiB, one producer and one consumer flat out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a robust mutex shared by 2 producers and 2 consumers, flat out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>drop-newest backpressure: a fast producer and a consumer limited to 2,000 msg/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo (mpmc, steady load)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Large messages (spsc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mutex contention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backpressure: drops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>shmscope::gui::ChannelSetupDock</name>
    <message>
        <source>Scenario</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Synchronisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slots</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slot size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backpressure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How producers and consumers agree on slots: lock-free rings (spsc, mpmc), a robust mutex, semaphores, or none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How a blocked process waits: spin, yield, sleep (futex) or adaptive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of slots in the ring buffer (a power of two)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payload bytes per slot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message size and rate are editable; rate &quot;max&quot; means as fast as possible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add producer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add consumer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create the channel and start these workers (Ctrl+R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop every worker and remove the channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>producer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>consumer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your own channel and workers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A prepared channel and set of workers; change any field below to make your own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What a producer does when the ring buffer is full: block (wait for a free slot), drop-newest (discard the new message) or drop-oldest (overwrite the oldest unread one)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queue: each message goes to one consumer; broadcast: every consumer reads every message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How producers compress each message before copying it into the ring: none, lz4 (fast), zstd (smaller) or auto (compress only when it pays)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shm: a POSIX shared-memory object, gone when the last process leaves; file: a regular file mapped into memory, which outlives the processes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data file of the file transport (its control object is the same path with .ctl appended)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>path of the data file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate (msg/s); &quot;max&quot; means as fast as possible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How long a producer keeps the lock after each write, to make contention visible (lock-based strategies only)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>shmscope::gui::CommandPalette</name>
    <message>
        <source>Command palette</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type to find a command; Enter runs it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find a command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commands</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>shmscope::gui::CompareDock</name>
    <message>
        <source>no result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not measured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Throughput against message size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency CDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency CDF, %1 messages, fixed-rate stream</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export comparison table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv);;Markdown files (*.md)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export comparison plots</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message sizes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repetitions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seconds each</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measured seconds per repetition, after a warm-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run shmscope-bench over the checked transports and sizes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the comparison; the rows finished so far stay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export table…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the finished rows as CSV or Markdown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export plots…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save both plots as PNG images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting shmscope-bench…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n row(s) done — measuring %2</source>
        <translation>
            <numerusform>%1 of %n row done — measuring %2</numerusform>
            <numerusform>%1 of %n rows done — measuring %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick transports and sizes, then Run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n row(s) done</source>
        <translation>
            <numerusform>%1 of %n row done</numerusform>
            <numerusform>%1 of %n rows done</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shmscope::gui::CompareModel</name>
    <message>
        <source>skipped: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>spread too wide to trust</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spread (±)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p50</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p99</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p99.9</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>max</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU/msg producer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU/msg consumer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>shmscope::gui::CompareRun</name>
    <message>
        <source>shmscope-bench crashed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shmscope-bench exited with status %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot start %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>shmscope::gui::LiveChanges</name>
    <message>
        <source>Cannot undo or redo &quot;%1&quot;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>message size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>consumer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>producer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>shmscope::gui::LogDock</name>
    <message>
        <source>Save log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text files (*.log *.txt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter (pid, role, text)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the selected lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save every line to a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>shmscope::gui::MainWindow</name>
    <message>
        <source>About shmscope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shmscope %1 — moves data between processes through shared memory and shows it happen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shmscope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shmscope — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel setup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Occupancy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Processes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No workers running — Start demo (Ctrl+D) or pick a scenario.

The demo moves 4 KiB messages through a ring buffer of 64 slots in shared memory: 2 producers at 50,000 msg/s each, 2 consumers as fast as they can.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Worker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time &amp;window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create the channel set up on the left and start its workers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start &amp;demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill in the demo scenario and start it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;top all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop every worker and remove the channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Attach to channel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watch an existing channel read-only, without disturbing it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open configuration…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load a channel and worker setup from a JSON file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save configuration &amp;as…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the channel and worker setup as JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export plots as &amp;PNG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save each plot as a PNG image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export history as &amp;CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the history, one row per snapshot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the workers and quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stop selected worker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the selected worker to stop (SIGTERM)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Kill selected worker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kill the selected worker with SIGKILL, as a crash would</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restart selected worker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the selected worker again with the same settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause display</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Freeze the plots; workers go on and history is kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Follow live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return the time plots to the newest data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reset zoom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the default time window, following live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List every command and its shortcut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About shmscope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version and purpose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>10 seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>30 seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>5 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>30 snapshots/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>10 snapshots/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2 snapshots/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>starting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>attached read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel %1 (%2): %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Display paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoomed — End returns to live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — owner uid %2, %3 attached, %4 live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No shmscope channel exists to attach to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach to channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watch this channel read-only:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot attach: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export plots</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause or resume selected worker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause the selected worker, or let it go on (undo with Ctrl+Z)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy command line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the selected worker&apos;s exact shmscope-worker command line, ready for a shell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Command &amp;palette…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find any command by typing part of its name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset &amp;layout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put every panel back where it was at first start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Presenter &amp;view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Large type, white on black, one plot and a narration line: for a projector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the last %1 on every time plot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the channel %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colours: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interface language: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or hide the %1 panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo the last live change to a worker (rate, size, pause)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the undone live change again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Removed %n stale channel(s).</source>
        <translation>
            <numerusform>Removed %n stale channel.</numerusform>
            <numerusform>Removed %n stale channels.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shmscope::gui::MessageBar</name>
    <message numerus="yes">
        <source>%1 (and %n more in the Log)</source>
        <translation>
            <numerusform>%1 (and %n more in the Log)</numerusform>
            <numerusform>%1 (and %n more in the Log)</numerusform>
        </translation>
    </message>
    <message>
        <source>Dismiss this message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>shmscope::gui::ProcessDock</name>
    <message>
        <source>Rate: a number of messages per second, or max</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message size: bytes, with an optional K, M or G suffix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>applying…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not applied: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>msg/s or max</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New rate for the selected worker, applied live through the control object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 4KiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New message size for the selected producer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the change; the table shows &quot;applying…&quot; until the worker has applied it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the selected worker gracefully (SIGTERM) (Del)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kill</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kill the selected worker with SIGKILL, to see what a crash does (Shift+Del)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the selected worker again with the same settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Processes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a worker first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Command line of pid %1 copied</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>shmscope::gui::ProcessSupervisor</name>
    <message>
        <source>no ready line within %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ready, stats record %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed to start %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>killed by signal %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exit %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exit %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>shmscope::gui::ScriptedRun</name>
    <message>
        <source>unknown scenario %1 (see --list-scenarios)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write the screenshot %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the session stopped before the end of the run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write the report %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>shmscope::gui::Session</name>
    <message>
        <source>a session is already running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the configuration starts no worker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot watch channel %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 asked to stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the worker has no stats record yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rate %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>max</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>message size %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resumed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot remove channel %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 exited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lock recovered from a dead holder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>applying…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>shmscope::gui::ShortcutList</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Menu</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>shmscope::gui::StaleChannelsBar</name>
    <message>
        <source>Could not remove %1: in use again or not permitted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove these channels from shared memory, as shmscope-stat --gc does</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave them in place</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>and %n more</numerusform>
            <numerusform>and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n shmscope channel(s) left behind by processes that are all gone: %1. Remove them?</source>
        <translation>
            <numerusform>%n shmscope channel left behind by processes that are all gone: %1. Remove it?</numerusform>
            <numerusform>%n shmscope channels left behind by processes that are all gone: %1. Remove them?</numerusform>
        </translation>
    </message>
    <message>
        <source>Stale channels</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>shmscope::widgets::ComparePlot</name>
    <message>
        <source>Message size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One-way latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share of messages</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>shmscope::widgets::ContentionPanel</name>
    <message>
        <source>contended share, all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait for a slot or data (log2 buckets)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait for the lock (log2 buckets)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2: hold %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 slot claims/s, %3 contended, %4 CAS retries/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>held by pid %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>free</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>semaphore waits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mutex acquisitions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 %3/s, %4 contended, lock %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 slot leaked by dead process %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 slots leaked by dead process %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>shmscope::widgets::HistogramPlot</name>
    <message>
        <source>Share</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>shmscope::widgets::LatencyPanel</name>
    <message>
        <source>No consumer has delivered a message yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p50</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p99</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>max</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End-to-end latency (log2 buckets)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p50 %1   p99 %2   max ≤ %3 (commit to delivery)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>shmscope::widgets::LogModel</name>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stream</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>shmscope::widgets::OccupancyPanel</name>
    <message>
        <source>fill level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>high-water mark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ring occupancy appears here once a channel is open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n slot(s) in use (%2), high-water mark %3</source>
        <translation>
            <numerusform>%1 of %n slot in use (%2), high-water mark %3</numerusform>
            <numerusform>%1 of %n slots in use (%2), high-water mark %3</numerusform>
        </translation>
    </message>
    <message>
        <source>The cells show one instant; consumers empty the ring faster than the eye can follow. The high-water mark is the fullest it has been.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>shmscope::widgets::ProcessTableModel</name>
    <message>
        <source>alive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overrun</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gaps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Corrupt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lost to crash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incomplete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Context switches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whether the kernel still holds the process&apos;s liveness lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rate the worker was asked for (max: as fast as it can)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages and bytes per second over the last half second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages a producer dropped because the ring was full (drop-newest, drop-oldest backpressure)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broadcast consumer: messages overwritten by the producer before or while this consumer read them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consumer: sequence numbers it never saw (messages missing from what it read)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consumer: messages whose header, chunks or checksum failed validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slots a dead process left claimed, which the ring skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chunked messages whose producer died or gave up before the last chunk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU time per second of wall time, from /proc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voluntary and involuntary context switches per second</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>shmscope::widgets::SlotHeatMap</name>
    <message>
        <source>Ring slots</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>H head (next write)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T tail (next read)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No slot states yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>H</source>
        <comment>head marker</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T</source>
        <comment>tail marker</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>slot %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ring full: the head has gone a whole lap and caught up with the tail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ring empty: head and tail point at the same slot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each cell is one slot at the moment of the latest sample (up to 10 a second)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>H T</source>
        <comment>head and tail marker</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>shmscope::widgets::ThroughputPanel</name>
    <message>
        <source>all producers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all consumers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the throughput plot shows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in: %1 (%2)   out: %3 (%4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dropped (backpressure)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>   dropped: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>shmscope::widgets::TimePlot</name>
    <message>
        <source>Time (s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 +%2</source>
        <comment>event label and the number of events folded into it</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>units</name>
    <message>
        <source>msg/s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
