<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Narration</name>
    <message>
        <source>Start the demo (Ctrl+D): producers write messages into a ring buffer in shared memory, consumers take them out.</source>
        <translation>开始演示 (Ctrl+D)：生产者把消息写入共享内存中的环形缓冲区，消费者从中取出。</translation>
    </message>
    <message>
        <source>Producers write %1 (%2), consumers read %3.</source>
        <translation>生产者写入 %1 (%2)，消费者读取 %3。</translation>
    </message>
    <message>
        <source>%1 of %2 slots are full.</source>
        <translation>%2 个槽位中有 %1 个已满。</translation>
    </message>
    <message>
        <source>Half of the messages arrive within %1.</source>
        <translation>一半的消息在 %1 内到达。</translation>
    </message>
</context>
<context>
    <name>ProcessSupervisor</name>
    <message>
        <source>starting</source>
        <translation>启动中</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>stopping</source>
        <translation>正在停止</translation>
    </message>
    <message>
        <source>exited</source>
        <translation>已退出</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>killed</source>
        <translation>已被杀死</translation>
    </message>
</context>
<context>
    <name>SessionConfig</name>
    <message>
        <source>&quot;%1&quot; must be one of %2</source>
        <translation>“%1”必须是 %2 之一</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a non-negative number</source>
        <translation>“%1”必须是非负数</translation>
    </message>
    <message>
        <source>the configuration starts no worker</source>
        <translation>该配置没有启动任何工作进程</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 is not a JSON object: %2</source>
        <translation>%1 不是 JSON 对象：%2</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <source>producer</source>
        <translation>生产者</translation>
    </message>
    <message>
        <source>consumer</source>
        <translation>消费者</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>bridge (send)</source>
        <translation>桥接（发送）</translation>
    </message>
    <message>
        <source>bridge (receive)</source>
        <translation>桥接（接收）</translation>
    </message>
    <message>
        <source>bridge</source>
        <translation>桥接</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>启动中</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>blocked (no free slot)</source>
        <translation>阻塞（无空闲槽位）</translation>
    </message>
    <message>
        <source>blocked (no data)</source>
        <translation>阻塞（无数据）</translation>
    </message>
    <message>
        <source>waiting for lock</source>
        <translation>等待锁</translation>
    </message>
    <message>
        <source>in critical section</source>
        <translation>在临界区内</translation>
    </message>
    <message>
        <source>exiting</source>
        <translation>正在退出</translation>
    </message>
    <message>
        <source>writing</source>
        <translation>写入中</translation>
    </message>
    <message>
        <source>reading</source>
        <translation>读取中</translation>
    </message>
    <message>
        <source>free</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>being written</source>
        <translation>正在写入</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>being read</source>
        <translation>正在读取</translation>
    </message>
    <message>
        <source>abandoned</source>
        <translation>已废弃</translation>
    </message>
</context>
<context>
    <name>scenarios</name>
    <message>
        <source>mpmc ring of 64 slots × 4 KiB, 2 producers at 50,000 msg/s, 2 consumers</source>
        <translation>mpmc 环形缓冲区，64 个 4 KiB 槽位；2 个生产者各 50,000 msg/s，2 个消费者</translation>
    </message>
    <message>
        <source>spsc ring of 8 slots × 1 MiB, one producer and one consumer flat out</source>
        <translation>spsc 环形缓冲区，8 个 1 MiB 槽位；一个生产者和一个消费者全速运行</translation>
    </message>
    <message>
        <source>a robust mutex shared by 2 producers and 2 consumers, flat out</source>
        <translation>2 个生产者和 2 个消费者共享一把健壮互斥锁，全速运行</translation>
    </message>
    <message>
        <source>drop-newest backpressure: a fast producer and a consumer limited to 2,000 msg/s</source>
        <translation>drop-newest 背压：一个快速生产者，一个限速 2,000 msg/s 的消费者</translation>
    </message>
    <message>
        <source>Demo (mpmc, steady load)</source>
        <translation>演示（mpmc，稳定负载）</translation>
    </message>
    <message>
        <source>Large messages (spsc)</source>
        <translation>大消息（spsc）</translation>
    </message>
    <message>
        <source>Mutex contention</source>
        <translation>互斥锁争用</translation>
    </message>
    <message>
        <source>Backpressure: drops</source>
        <translation>背压：丢弃消息</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
</context>
<context>
    <name>shmscope::gui::ChannelSetupDock</name>
    <message>
        <source>Scenario</source>
        <translation>场景</translation>
    </message>
    <message>
        <source>Synchronisation</source>
        <translation>同步方式</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等待方式</translation>
    </message>
    <message>
        <source>Slots</source>
        <translation>槽位数</translation>
    </message>
    <message>
        <source>Slot size</source>
        <translation>槽位大小</translation>
    </message>
    <message>
        <source>Backpressure</source>
        <translation>背压</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>投递方式</translation>
    </message>
    <message>
        <source>Compression</source>
        <translation>压缩</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>传输方式</translation>
    </message>
    <message>
        <source>How producers and consumers agree on slots: lock-free rings (spsc, mpmc), a robust mutex, semaphores, or none</source>
        <translation>生产者与消费者如何协调槽位：无锁环形缓冲区（spsc、mpmc）、健壮互斥锁、信号量，或不同步</translation>
    </message>
    <message>
        <source>How a blocked process waits: spin, yield, sleep (futex) or adaptive</source>
        <translation>阻塞的进程如何等待：自旋等待、让出 CPU、睡眠（futex）或自适应</translation>
    </message>
    <message>
        <source>Number of slots in the ring buffer (a power of two)</source>
        <translation>环形缓冲区中的槽位数（2 的幂）</translation>
    </message>
    <message>
        <source>Payload bytes per slot</source>
        <translation>每个槽位的有效载荷字节数</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Message size</source>
        <translation>消息大小</translation>
    </message>
    <message>
        <source>Message size and rate are editable; rate &quot;max&quot; means as fast as possible</source>
        <translation>消息大小和速率可以编辑；速率为“max”表示尽可能快</translation>
    </message>
    <message>
        <source>Add producer</source>
        <translation>添加生产者</translation>
    </message>
    <message>
        <source>Add consumer</source>
        <translation>添加消费者</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Create the channel and start these workers (Ctrl+R)</source>
        <translation>创建通道并启动这些工作进程 (Ctrl+R)</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop every worker and remove the channel</source>
        <translation>停止所有工作进程并删除通道</translation>
    </message>
    <message>
        <source>producer</source>
        <translation>生产者</translation>
    </message>
    <message>
        <source>consumer</source>
        <translation>消费者</translation>
    </message>
    <message>
        <source>Your own channel and workers.</source>
        <translation>自行设置的通道与工作进程。</translation>
    </message>
    <message>
        <source>File path</source>
        <translation>文件路径</translation>
    </message>
    <message>
        <source>A prepared channel and set of workers; change any field below to make your own</source>
        <translation>预先设置好的通道与工作进程；修改下面任一字段即成为你自己的设置</translation>
    </message>
    <message>
        <source>What a producer does when the ring buffer is full: block (wait for a free slot), drop-newest (discard the new message) or drop-oldest (overwrite the oldest unread one)</source>
        <translation>环形缓冲区满时生产者的做法：block（等待空闲槽位）、drop-newest（丢弃新消息）或 drop-oldest（覆盖最旧的未读消息）</translation>
    </message>
    <message>
        <source>queue: each message goes to one consumer; broadcast: every consumer reads every message</source>
        <translation>queue：每条消息只交给一个消费者；broadcast：每个消费者都读取每条消息</translation>
    </message>
    <message>
        <source>How producers compress each message before copying it into the ring: none, lz4 (fast), zstd (smaller) or auto (compress only when it pays)</source>
        <translation>生产者在把消息复制进环形缓冲区之前如何压缩：none（不压缩）、lz4（快）、zstd（更小）或 auto（只在划算时压缩）</translation>
    </message>
    <message>
        <source>shm: a POSIX shared-memory object, gone when the last process leaves; file: a regular file mapped into memory, which outlives the processes</source>
        <translation>shm：共享内存对象，最后一个进程离开后即消失；file：映射到内存的普通文件，进程结束后仍然保留</translation>
    </message>
    <message>
        <source>The data file of the file transport (its control object is the same path with .ctl appended)</source>
        <translation>file 传输方式的数据文件（控制对象是同一目录下、文件名多一个后缀的文件）</translation>
    </message>
    <message>
        <source>path of the data file</source>
        <translation>数据文件的路径</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>速率</translation>
    </message>
    <message>
        <source>Hold (ms)</source>
        <translation>持锁 (ms)</translation>
    </message>
    <message>
        <source>Rate (msg/s); &quot;max&quot; means as fast as possible</source>
        <translation>速率 (msg/s)；“max”表示尽可能快</translation>
    </message>
    <message>
        <source>How long a producer keeps the lock after each write, to make contention visible (lock-based strategies only)</source>
        <translation>生产者每次写入后继续持有锁的时间，用来让争用变得可见（仅适用于基于锁的策略）</translation>
    </message>
</context>
<context>
    <name>shmscope::gui::CommandPalette</name>
    <message>
        <source>Command palette</source>
        <translation>命令面板</translation>
    </message>
    <message>
        <source>Type to find a command; Enter runs it</source>
        <translation>输入以查找命令；按 Enter 执行</translation>
    </message>
    <message>
        <source>Find a command</source>
        <translation>查找命令</translation>
    </message>
    <message>
        <source>Commands</source>
        <translation>命令</translation>
    </message>
</context>
<context>
    <name>shmscope::gui::CompareDock</name>
    <message>
        <source>no result</source>
        <translation>无结果</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>not measured</source>
        <translation>未测量</translation>
    </message>
    <message>
        <source>Throughput against message size</source>
        <translation>吞吐量与消息大小</translation>
    </message>
    <message>
        <source>Latency CDF</source>
        <translation>延迟累积分布 (CDF)</translation>
    </message>
    <message>
        <source>Latency CDF, %1 messages, fixed-rate stream</source>
        <translation>延迟累积分布 (CDF)，%1 消息，固定速率流</translation>
    </message>
    <message>
        <source>Export comparison table</source>
        <translation>导出对比表</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;Markdown files (*.md)</source>
        <translation>CSV 文件 (*.csv);;Markdown 文件 (*.md)</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>Export comparison plots</source>
        <translation>导出对比图</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Transports</source>
        <translation>传输方式</translation>
    </message>
    <message>
        <source>Message sizes</source>
        <translation>消息大小</translation>
    </message>
    <message>
        <source>Repetitions</source>
        <translation>重复次数</translation>
    </message>
    <message>
        <source>Seconds each</source>
        <translation>每次秒数</translation>
    </message>
    <message>
        <source>Measured seconds per repetition, after a warm-up</source>
        <translation>预热之后，每次重复测量的秒数</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Run shmscope-bench over the checked transports and sizes</source>
        <translation>用勾选的传输方式和消息大小运行 shmscope-bench</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop the comparison; the rows finished so far stay</source>
        <translation>停止对比；已完成的行会保留</translation>
    </message>
    <message>
        <source>Export table…</source>
        <translation>导出表格…</translation>
    </message>
    <message>
        <source>Save the finished rows as CSV or Markdown</source>
        <translation>将已完成的行保存为 CSV 或 Markdown</translation>
    </message>
    <message>
        <source>Export plots…</source>
        <translation>导出图表…</translation>
    </message>
    <message>
        <source>Save both plots as PNG images</source>
        <translation>将两张图保存为 PNG 图像</translation>
    </message>
    <message>
        <source>Starting shmscope-bench…</source>
        <translation>正在启动 shmscope-bench…</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n row(s) done — measuring %2</source>
        <translation>
            <numerusform>已完成 %1 / %n 行 — 正在测量 %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Pick transports and sizes, then Run.</source>
        <translation>选择传输方式和消息大小，然后点击“运行”。</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n row(s) done</source>
        <translation>
            <numerusform>已完成 %1 / %n 行</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shmscope::gui::CompareModel</name>
    <message>
        <source>skipped: %1</source>
        <translation>已跳过：%1</translation>
    </message>
    <message>
        <source>waiting…</source>
        <translation>等待中…</translation>
    </message>
    <message>
        <source>spread too wide to trust</source>
        <translation>离散度过大，结果不可信</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>传输方式</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Messages/s</source>
        <translation>消息/秒</translation>
    </message>
    <message>
        <source>Bytes/s</source>
        <translation>字节/秒</translation>
    </message>
    <message>
        <source>Spread (±)</source>
        <translation>离散度 (±)</translation>
    </message>
    <message>
        <source>p50</source>
        <translation>p50</translation>
    </message>
    <message>
        <source>p99</source>
        <translation>p99</translation>
    </message>
    <message>
        <source>p99.9</source>
        <translation>p99.9</translation>
    </message>
    <message>
        <source>max</source>
        <translation>最大值</translation>
    </message>
    <message>
        <source>CPU/msg producer</source>
        <translation>生产者 CPU/消息</translation>
    </message>
    <message>
        <source>CPU/msg consumer</source>
        <translation>消费者 CPU/消息</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>shmscope::gui::CompareRun</name>
    <message>
        <source>shmscope-bench crashed</source>
        <translation>shmscope-bench 崩溃了</translation>
    </message>
    <message>
        <source>shmscope-bench exited with status %1</source>
        <translation>shmscope-bench 以状态 %1 退出</translation>
    </message>
    <message>
        <source>Cannot start %1: %2</source>
        <translation>无法启动 %1：%2</translation>
    </message>
</context>
<context>
    <name>shmscope::gui::LiveChanges</name>
    <message>
        <source>Cannot undo or redo &quot;%1&quot;: %2</source>
        <translation>无法撤销或重做“%1”：%2</translation>
    </message>
    <message>
        <source>rate</source>
        <translation>速率</translation>
    </message>
    <message>
        <source>message size</source>
        <translation>消息大小</translation>
    </message>
    <message>
        <source>pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>consumer</source>
        <translation>消费者</translation>
    </message>
    <message>
        <source>producer</source>
        <translation>生产者</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%2 的%1</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>shmscope::gui::LogDock</name>
    <message>
        <source>Save log</source>
        <translation>保存日志</translation>
    </message>
    <message>
        <source>Text files (*.log *.txt)</source>
        <translation>文本文件 (*.log *.txt)</translation>
    </message>
    <message>
        <source>Filter (pid, role, text)…</source>
        <translation>过滤（pid、角色、文本）…</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the selected lines</source>
        <translation>复制选中的行</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>Save every line to a file</source>
        <translation>把所有行保存到文件</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
</context>
<context>
    <name>shmscope::gui::MainWindow</name>
    <message>
        <source>About shmscope</source>
        <translation>关于 shmscope</translation>
    </message>
    <message>
        <source>shmscope %1 — moves data between processes through shared memory and shows it happen.</source>
        <translation>shmscope %1 —— 通过共享内存在进程间传递数据，并把这一过程展示出来。</translation>
    </message>
    <message>
        <source>shmscope</source>
        <translation>shmscope</translation>
    </message>
    <message>
        <source>shmscope — %1</source>
        <translation>shmscope — %1</translation>
    </message>
    <message>
        <source>Channel setup</source>
        <translation>通道设置</translation>
    </message>
    <message>
        <source>Occupancy</source>
        <translation>占用情况</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>延迟</translation>
    </message>
    <message>
        <source>Contention</source>
        <translation>锁竞争</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>进程</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>No workers running — Start demo (Ctrl+D) or pick a scenario.

The demo moves 4 KiB messages through a ring buffer of 64 slots in shared memory: 2 producers at 50,000 msg/s each, 2 consumers as fast as they can.</source>
        <translation>没有正在运行的工作进程 —— 开始演示 (Ctrl+D) 或选择一个场景。

演示通过共享内存中有 64 个槽位的环形缓冲区传递 4 KiB 的消息：2 个生产者各 50,000 msg/s，2 个消费者尽可能快地读取。</translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <translation>会话(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Worker</source>
        <translation>工作进程(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Time &amp;window</source>
        <translation>时间窗口(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Refresh rate</source>
        <translation>刷新频率(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation>面板(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <source>Create the channel set up on the left and start its workers</source>
        <translation>创建左侧设置的通道并启动其工作进程</translation>
    </message>
    <message>
        <source>Start &amp;demo</source>
        <translation>开始演示(&amp;D)</translation>
    </message>
    <message>
        <source>Fill in the demo scenario and start it</source>
        <translation>填入演示场景并开始</translation>
    </message>
    <message>
        <source>S&amp;top all</source>
        <translation>全部停止(&amp;T)</translation>
    </message>
    <message>
        <source>Stop every worker and remove the channel</source>
        <translation>停止所有工作进程并删除通道</translation>
    </message>
    <message>
        <source>&amp;Attach to channel…</source>
        <translation>附加到通道(&amp;A)…</translation>
    </message>
    <message>
        <source>Watch an existing channel read-only, without disturbing it</source>
        <translation>以只读方式观察已有通道，不干扰它</translation>
    </message>
    <message>
        <source>&amp;Open configuration…</source>
        <translation>打开配置(&amp;O)…</translation>
    </message>
    <message>
        <source>Load a channel and worker setup from a JSON file</source>
        <translation>从 JSON 文件载入通道与工作进程设置</translation>
    </message>
    <message>
        <source>Save configuration &amp;as…</source>
        <translation>配置另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Save the channel and worker setup as JSON</source>
        <translation>把通道与工作进程设置保存为 JSON</translation>
    </message>
    <message>
        <source>Export plots as &amp;PNG…</source>
        <translation>导出图表为 &amp;PNG…</translation>
    </message>
    <message>
        <source>Save each plot as a PNG image</source>
        <translation>把每张图表保存为 PNG 图像</translation>
    </message>
    <message>
        <source>Export history as &amp;CSV…</source>
        <translation>导出历史为 &amp;CSV…</translation>
    </message>
    <message>
        <source>Save the history, one row per snapshot</source>
        <translation>保存历史数据，每个快照一行</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Stop the workers and quit</source>
        <translation>停止工作进程并退出</translation>
    </message>
    <message>
        <source>&amp;Stop selected worker</source>
        <translation>停止所选工作进程(&amp;S)</translation>
    </message>
    <message>
        <source>Ask the selected worker to stop (SIGTERM)</source>
        <translation>请求所选工作进程停止 (SIGTERM)</translation>
    </message>
    <message>
        <source>&amp;Kill selected worker</source>
        <translation>杀死所选工作进程(&amp;K)</translation>
    </message>
    <message>
        <source>Kill the selected worker with SIGKILL, as a crash would</source>
        <translation>用 SIGKILL 杀死所选工作进程，模拟崩溃</translation>
    </message>
    <message>
        <source>&amp;Restart selected worker</source>
        <translation>重启所选工作进程(&amp;R)</translation>
    </message>
    <message>
        <source>Start the selected worker again with the same settings</source>
        <translation>以相同设置再次启动所选工作进程</translation>
    </message>
    <message>
        <source>&amp;Pause display</source>
        <translation>暂停显示(&amp;P)</translation>
    </message>
    <message>
        <source>Freeze the plots; workers go on and history is kept</source>
        <translation>冻结图表；工作进程继续运行，历史数据照常记录</translation>
    </message>
    <message>
        <source>&amp;Follow live</source>
        <translation>跟随实时(&amp;F)</translation>
    </message>
    <message>
        <source>Return the time plots to the newest data</source>
        <translation>让时间图表回到最新数据</translation>
    </message>
    <message>
        <source>&amp;Reset zoom</source>
        <translation>重置缩放(&amp;R)</translation>
    </message>
    <message>
        <source>Back to the default time window, following live</source>
        <translation>回到默认时间窗口并跟随实时数据</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>List every command and its shortcut</source>
        <translation>列出所有命令及其快捷键</translation>
    </message>
    <message>
        <source>&amp;About shmscope</source>
        <translation>关于 shmscope(&amp;A)</translation>
    </message>
    <message>
        <source>Version and purpose</source>
        <translation>版本与用途</translation>
    </message>
    <message>
        <source>10 seconds</source>
        <translation>10 秒</translation>
    </message>
    <message>
        <source>30 seconds</source>
        <translation>30 秒</translation>
    </message>
    <message>
        <source>1 minute</source>
        <translation>1 分钟</translation>
    </message>
    <message>
        <source>5 minutes</source>
        <translation>5 分钟</translation>
    </message>
    <message>
        <source>30 snapshots/s</source>
        <translation>每秒 30 个快照</translation>
    </message>
    <message>
        <source>10 snapshots/s</source>
        <translation>每秒 10 个快照</translation>
    </message>
    <message>
        <source>2 snapshots/s</source>
        <translation>每秒 2 个快照</translation>
    </message>
    <message>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>启动中</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>attached read-only</source>
        <translation>只读附加</translation>
    </message>
    <message>
        <source>stopping</source>
        <translation>正在停止</translation>
    </message>
    <message>
        <source>Channel %1 (%2): %3</source>
        <translation>通道 %1（%2）：%3</translation>
    </message>
    <message>
        <source>Display paused</source>
        <translation>显示已暂停</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <source>Zoomed — End returns to live</source>
        <translation>已缩放 —— 按 End 回到实时</translation>
    </message>
    <message>
        <source>Cannot start: %1</source>
        <translation>无法开始：%1</translation>
    </message>
    <message>
        <source>%1 — owner uid %2, %3 attached, %4 live</source>
        <translation>%1 —— 属主 uid %2，已附加 %3 个，存活 %4 个</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 —— %2</translation>
    </message>
    <message>
        <source>No shmscope channel exists to attach to.</source>
        <translation>没有可以附加的 shmscope 通道。</translation>
    </message>
    <message>
        <source>Attach to channel</source>
        <translation>附加到通道</translation>
    </message>
    <message>
        <source>Watch this channel read-only:</source>
        <translation>以只读方式观察此通道：</translation>
    </message>
    <message>
        <source>Cannot attach: %1</source>
        <translation>无法附加：%1</translation>
    </message>
    <message>
        <source>Open configuration</source>
        <translation>打开配置</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source>Save configuration</source>
        <translation>保存配置</translation>
    </message>
    <message>
        <source>Export plots</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>Export history</source>
        <translation>导出历史</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Pause or resume selected worker</source>
        <translation>暂停或继续所选工作进程(&amp;P)</translation>
    </message>
    <message>
        <source>Pause the selected worker, or let it go on (undo with Ctrl+Z)</source>
        <translation>暂停所选工作进程，或让它继续运行（可用 Ctrl+Z 撤销）</translation>
    </message>
    <message>
        <source>&amp;Copy command line</source>
        <translation>复制命令行(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the selected worker&apos;s exact shmscope-worker command line, ready for a shell</source>
        <translation>复制所选工作进程完整的 shmscope-worker 命令行，可直接粘贴到 shell 中</translation>
    </message>
    <message>
        <source>Command &amp;palette…</source>
        <translation>命令面板(&amp;P)…</translation>
    </message>
    <message>
        <source>Find any command by typing part of its name</source>
        <translation>输入命令名称的一部分即可找到任何命令</translation>
    </message>
    <message>
        <source>Reset &amp;layout</source>
        <translation>重置布局(&amp;L)</translation>
    </message>
    <message>
        <source>Put every panel back where it was at first start</source>
        <translation>把所有面板放回首次启动时的位置</translation>
    </message>
    <message>
        <source>Presenter &amp;view</source>
        <translation>演示视图(&amp;V)</translation>
    </message>
    <message>
        <source>Large type, white on black, one plot and a narration line: for a projector</source>
        <translation>大字号、黑底白字、一张图加一行解说：适合投影仪</translation>
    </message>
    <message>
        <source>Show the last %1 on every time plot</source>
        <translation>所有时间曲线图显示最近 %1</translation>
    </message>
    <message>
        <source>Read the channel %1</source>
        <translation>读取通道的频率：%1</translation>
    </message>
    <message>
        <source>Colours: %1</source>
        <translation>配色：%1</translation>
    </message>
    <message>
        <source>Interface language: %1</source>
        <translation>界面语言：%1</translation>
    </message>
    <message>
        <source>Show or hide the %1 panel</source>
        <translation>显示或隐藏“%1”面板</translation>
    </message>
    <message>
        <source>&amp;Undo %1</source>
        <translation>撤销%1(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo %1</source>
        <translation>重做%1(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Undo the last live change to a worker (rate, size, pause)</source>
        <translation>撤销对工作进程的上一次实时修改（速率、大小、暂停）</translation>
    </message>
    <message>
        <source>Send the undone live change again</source>
        <translation>再次发送已撤销的实时修改</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>对比</translation>
    </message>
    <message numerus="yes">
        <source>Removed %n stale channel(s).</source>
        <translation>
            <numerusform>已删除 %n 个遗留通道。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>shmscope::gui::MessageBar</name>
    <message numerus="yes">
        <source>%1 (and %n more in the Log)</source>
        <translation>
            <numerusform>%1（另有 %n 条见日志）</numerusform>
        </translation>
    </message>
    <message>
        <source>Dismiss this message</source>
        <translation>关闭此消息</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
</context>
<context>
    <name>shmscope::gui::ProcessDock</name>
    <message>
        <source>Rate: a number of messages per second, or max</source>
        <translation>速率：每秒消息数，或 max</translation>
    </message>
    <message>
        <source>Message size: bytes, with an optional K, M or G suffix</source>
        <translation>消息大小：字节数，可带 K、M 或 G 后缀</translation>
    </message>
    <message>
        <source>applying…</source>
        <translation>正在应用…</translation>
    </message>
    <message>
        <source>Not applied: %1</source>
        <translation>未应用：%1</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>速率</translation>
    </message>
    <message>
        <source>msg/s or max</source>
        <translation>msg/s 或 max</translation>
    </message>
    <message>
        <source>New rate for the selected worker, applied live through the control object</source>
        <translation>所选工作进程的新速率，通过控制对象实时生效</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>e.g. 4KiB</source>
        <translation>例如 4KiB</translation>
    </message>
    <message>
        <source>New message size for the selected producer</source>
        <translation>所选生产者的新消息大小</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Send the change; the table shows &quot;applying…&quot; until the worker has applied it</source>
        <translation>发送更改；在工作进程应用之前，表格显示“正在应用…”</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop the selected worker gracefully (SIGTERM) (Del)</source>
        <translation>优雅地停止所选工作进程 (SIGTERM) (Del)</translation>
    </message>
    <message>
        <source>Kill</source>
        <translation>杀死</translation>
    </message>
    <message>
        <source>Kill the selected worker with SIGKILL, to see what a crash does (Shift+Del)</source>
        <translation>用 SIGKILL 杀死所选工作进程，观察崩溃的后果 (Shift+Del)</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>重启</translation>
    </message>
    <message>
        <source>Start the selected worker again with the same settings</source>
        <translation>以相同设置再次启动所选工作进程</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>进程</translation>
    </message>
    <message>
        <source>Select a worker first</source>
        <translation>请先选择一个工作进程</translation>
    </message>
    <message>
        <source>Command line of pid %1 copied</source>
        <translation>已复制进程 %1 的命令行</translation>
    </message>
</context>
<context>
    <name>shmscope::gui::ProcessSupervisor</name>
    <message>
        <source>no ready line within %1 s</source>
        <translation>%1 秒内没有收到 ready 行</translation>
    </message>
    <message>
        <source>ready, stats record %1</source>
        <translation>就绪，统计记录 %1</translation>
    </message>
    <message>
        <source>failed to start %1: %2</source>
        <translation>无法启动 %1：%2</translation>
    </message>
    <message>
        <source>killed by signal %1</source>
        <translation>被信号 %1 杀死</translation>
    </message>
    <message>
        <source>exit %1</source>
        <translation>退出码 %1</translation>
    </message>
    <message>
        <source>exit %1: %2</source>
        <translation>退出码 %1：%2</translation>
    </message>
</context>
<context>
    <name>shmscope::gui::ScriptedRun</name>
    <message>
        <source>unknown scenario %1 (see --list-scenarios)</source>
        <translation>未知场景 %1（见 --list-scenarios）</translation>
    </message>
    <message>
        <source>cannot write the screenshot %1</source>
        <translation>无法写入截图 %1</translation>
    </message>
    <message>
        <source>the session stopped before the end of the run</source>
        <translation>会话在运行结束前就停止了</translation>
    </message>
    <message>
        <source>cannot write the report %1</source>
        <translation>无法写入报告 %1</translation>
    </message>
</context>
<context>
    <name>shmscope::gui::Session</name>
    <message>
        <source>a session is already running</source>
        <translation>已有会话在运行</translation>
    </message>
    <message>
        <source>the configuration starts no worker</source>
        <translation>该配置没有启动任何工作进程</translation>
    </message>
    <message>
        <source>%1 started</source>
        <translation>%1 已启动</translation>
    </message>
    <message>
        <source>Cannot watch channel %1: %2</source>
        <translation>无法观察通道 %1：%2</translation>
    </message>
    <message>
        <source>%1 asked to stop</source>
        <translation>已请求 %1 停止</translation>
    </message>
    <message>
        <source>the worker has no stats record yet</source>
        <translation>该工作进程还没有统计记录</translation>
    </message>
    <message>
        <source>rate %1</source>
        <translation>速率 %1</translation>
    </message>
    <message>
        <source>max</source>
        <translation>max</translation>
    </message>
    <message>
        <source>message size %1</source>
        <translation>消息大小 %1</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>resumed</source>
        <translation>已恢复</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Cannot remove channel %1: %2</source>
        <translation>无法删除通道 %1：%2</translation>
    </message>
    <message>
        <source>%1 exited</source>
        <translation>%1 已退出</translation>
    </message>
    <message>
        <source>lock recovered from a dead holder</source>
        <translation>已从死亡的持有者手中恢复锁</translation>
    </message>
    <message>
        <source>applying…</source>
        <translation>正在应用…</translation>
    </message>
</context>
<context>
    <name>shmscope::gui::ShortcutList</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>菜单</translation>
    </message>
</context>
<context>
    <name>shmscope::gui::StaleChannelsBar</name>
    <message>
        <source>Could not remove %1: in use again or not permitted.</source>
        <translation>无法删除 %1：已重新被使用，或没有权限。</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Remove these channels from shared memory, as shmscope-stat --gc does</source>
        <translation>从共享内存中删除这些通道，与 shmscope-stat 的垃圾回收相同</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>忽略</translation>
    </message>
    <message>
        <source>Leave them in place</source>
        <translation>保留它们</translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>另外 %n 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n shmscope channel(s) left behind by processes that are all gone: %1. Remove them?</source>
        <translation>
            <numerusform>%n 个 shmscope 通道的进程已全部退出，通道仍留在共享内存中：%1。要删除吗？</numerusform>
        </translation>
    </message>
    <message>
        <source>Stale channels</source>
        <translation>遗留通道</translation>
    </message>
</context>
<context>
    <name>shmscope::widgets::ComparePlot</name>
    <message>
        <source>Message size</source>
        <translation>消息大小</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>吞吐量</translation>
    </message>
    <message>
        <source>One-way latency</source>
        <translation>单向延迟</translation>
    </message>
    <message>
        <source>Share of messages</source>
        <translation>消息占比</translation>
    </message>
</context>
<context>
    <name>shmscope::widgets::ContentionPanel</name>
    <message>
        <source>contended share, all</source>
        <translation>竞争比例（全部）</translation>
    </message>
    <message>
        <source>Wait for a slot or data (log2 buckets)</source>
        <translation>等待槽位或数据的时间（log2 分桶）</translation>
    </message>
    <message>
        <source>Wait for the lock (log2 buckets)</source>
        <translation>等待锁的时间（log2 分桶）</translation>
    </message>
    <message>
        <source>%1 %2: hold %3</source>
        <translation>%1 %2：持有 %3</translation>
    </message>
    <message>
        <source>%1: %2 slot claims/s, %3 contended, %4 CAS retries/s</source>
        <translation>%1：每秒 %2 次槽位申领，%3 发生竞争，每秒 %4 次 CAS 重试</translation>
    </message>
    <message>
        <source>held by pid %1</source>
        <translation>由 pid %1 持有</translation>
    </message>
    <message>
        <source>1 slot leaked by dead process %1</source>
        <translation>已死亡的进程 %1 泄漏了 1 个槽位</translation>
    </message>
    <message>
        <source>%1 slots leaked by dead process %2</source>
        <translation>已死亡的进程 %2 泄漏了 %1 个槽位</translation>
    </message>
    <message>
        <source>free</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>semaphore waits</source>
        <translation>次信号量等待</translation>
    </message>
    <message>
        <source>mutex acquisitions</source>
        <translation>次互斥锁获取</translation>
    </message>
    <message>
        <source>%1: %2 %3/s, %4 contended, lock %5</source>
        <translation>%1：每秒 %2 %3，%4 发生竞争，锁%5</translation>
    </message>
</context>
<context>
    <name>shmscope::widgets::HistogramPlot</name>
    <message>
        <source>Share</source>
        <translation>占比</translation>
    </message>
</context>
<context>
    <name>shmscope::widgets::LatencyPanel</name>
    <message>
        <source>No consumer has delivered a message yet.</source>
        <translation>还没有消费者收到消息。</translation>
    </message>
    <message>
        <source>p50</source>
        <translation>p50</translation>
    </message>
    <message>
        <source>p99</source>
        <translation>p99</translation>
    </message>
    <message>
        <source>max</source>
        <translation>最大值</translation>
    </message>
    <message>
        <source>End-to-end latency (log2 buckets)</source>
        <translation>端到端延迟（log2 分桶）</translation>
    </message>
    <message>
        <source>p50 %1   p99 %2   max ≤ %3 (commit to delivery)</source>
        <translation>p50 %1   p99 %2   最大值 ≤ %3（从提交到送达）</translation>
    </message>
</context>
<context>
    <name>shmscope::widgets::LogModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Stream</source>
        <translation>输出流</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>内容</translation>
    </message>
</context>
<context>
    <name>shmscope::widgets::OccupancyPanel</name>
    <message>
        <source>fill level</source>
        <translation>填充水平</translation>
    </message>
    <message>
        <source>high-water mark</source>
        <translation>高水位线</translation>
    </message>
    <message>
        <source>Ring occupancy appears here once a channel is open.</source>
        <translation>打开通道后，这里显示环形缓冲区的占用情况。</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n slot(s) in use (%2), high-water mark %3</source>
        <translation>
            <numerusform>%n 个槽位中 %1 个在用（%2），高水位线 %3</numerusform>
        </translation>
    </message>
    <message>
        <source>The cells show one instant; consumers empty the ring faster than the eye can follow. The high-water mark is the fullest it has been.</source>
        <translation>格子只显示某一瞬间；消费者清空环形缓冲区的速度快得肉眼跟不上。高水位线是它曾经最满的程度。</translation>
    </message>
</context>
<context>
    <name>shmscope::widgets::ProcessTableModel</name>
    <message>
        <source>alive</source>
        <translation>存活</translation>
    </message>
    <message>
        <source>dead</source>
        <translation>已死亡</translation>
    </message>
    <message>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Alive</source>
        <translation>存活</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>速率</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>吞吐量</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>消息数</translation>
    </message>
    <message>
        <source>Drops</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <source>Overrun</source>
        <translation>被覆盖</translation>
    </message>
    <message>
        <source>Gaps</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>Corrupt</source>
        <translation>损坏</translation>
    </message>
    <message>
        <source>Lost to crash</source>
        <translation>因崩溃丢失</translation>
    </message>
    <message>
        <source>Incomplete</source>
        <translation>不完整</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Context switches</source>
        <translation>上下文切换</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>信息</translation>
    </message>
    <message>
        <source>Whether the kernel still holds the process&apos;s liveness lock</source>
        <translation>内核是否仍持有该进程的存活锁</translation>
    </message>
    <message>
        <source>The rate the worker was asked for (max: as fast as it can)</source>
        <translation>为该工作进程设定的速率（max：尽可能快）</translation>
    </message>
    <message>
        <source>Messages and bytes per second over the last half second</source>
        <translation>最近半秒内每秒的消息数和字节数</translation>
    </message>
    <message>
        <source>Messages a producer dropped because the ring was full (drop-newest, drop-oldest backpressure)</source>
        <translation>因环形缓冲区已满而被生产者丢弃的消息（drop-newest、drop-oldest 背压）</translation>
    </message>
    <message>
        <source>Broadcast consumer: messages overwritten by the producer before or while this consumer read them</source>
        <translation>广播消费者：在该消费者读取之前或读取期间被生产者覆盖的消息</translation>
    </message>
    <message>
        <source>Consumer: sequence numbers it never saw (messages missing from what it read)</source>
        <translation>消费者：从未见到的序号（它读到的消息中缺失的消息）</translation>
    </message>
    <message>
        <source>Consumer: messages whose header, chunks or checksum failed validation</source>
        <translation>消费者：消息头、分块或校验和未通过验证的消息</translation>
    </message>
    <message>
        <source>Slots a dead process left claimed, which the ring skipped</source>
        <translation>已死亡进程占用后留下、被环形缓冲区跳过的槽位</translation>
    </message>
    <message>
        <source>Chunked messages whose producer died or gave up before the last chunk</source>
        <translation>生产者在写完最后一个分块之前死亡或放弃的分块消息</translation>
    </message>
    <message>
        <source>CPU time per second of wall time, from /proc</source>
        <translation>每秒实际时间内的 CPU 时间（取自内核的进程统计）</translation>
    </message>
    <message>
        <source>Voluntary and involuntary context switches per second</source>
        <translation>每秒的自愿与非自愿上下文切换次数</translation>
    </message>
</context>
<context>
    <name>shmscope::widgets::SlotHeatMap</name>
    <message>
        <source>Ring slots</source>
        <translation>环形缓冲区槽位</translation>
    </message>
    <message>
        <source>H head (next write)</source>
        <translation>H 头（下一次写入）</translation>
    </message>
    <message>
        <source>T tail (next read)</source>
        <translation>T 尾（下一次读取）</translation>
    </message>
    <message>
        <source>No slot states yet</source>
        <translation>还没有槽位状态</translation>
    </message>
    <message>
        <source>H</source>
        <comment>head marker</comment>
        <translation>H</translation>
    </message>
    <message>
        <source>T</source>
        <comment>tail marker</comment>
        <translation>T</translation>
    </message>
    <message>
        <source>slot %1: %2</source>
        <translation>槽位 %1：%2</translation>
    </message>
    <message>
        <source>Ring full: the head has gone a whole lap and caught up with the tail</source>
        <translation>环形缓冲区已满：头部绕了整整一圈，追上了尾部</translation>
    </message>
    <message>
        <source>Ring empty: head and tail point at the same slot</source>
        <translation>环形缓冲区为空：头部和尾部指向同一个槽位</translation>
    </message>
    <message>
        <source>Each cell is one slot at the moment of the latest sample (up to 10 a second)</source>
        <translation>每个格子是最近一次采样时刻的一个槽位（每秒最多 10 次）</translation>
    </message>
    <message>
        <source>H T</source>
        <comment>head and tail marker</comment>
        <translation>H T</translation>
    </message>
</context>
<context>
    <name>shmscope::widgets::ThroughputPanel</name>
    <message>
        <source>all producers</source>
        <translation>全部生产者</translation>
    </message>
    <message>
        <source>all consumers</source>
        <translation>全部消费者</translation>
    </message>
    <message>
        <source>Messages/s</source>
        <translation>消息/秒</translation>
    </message>
    <message>
        <source>Bytes/s</source>
        <translation>字节/秒</translation>
    </message>
    <message>
        <source>What the throughput plot shows</source>
        <translation>吞吐量图表显示的量</translation>
    </message>
    <message>
        <source>in: %1 (%2)   out: %3 (%4)</source>
        <translation>写入：%1（%2）   读出：%3（%4）</translation>
    </message>
    <message>
        <source>dropped (backpressure)</source>
        <translation>丢弃（背压）</translation>
    </message>
    <message>
        <source>   dropped: %1</source>
        <translation>   丢弃：%1</translation>
    </message>
</context>
<context>
    <name>shmscope::widgets::TimePlot</name>
    <message>
        <source>Time (s)</source>
        <translation>时间（秒）</translation>
    </message>
    <message>
        <source>%1 +%2</source>
        <comment>event label and the number of events folded into it</comment>
        <translation>%1 +%2</translation>
    </message>
</context>
<context>
    <name>units</name>
    <message>
        <source>msg/s</source>
        <translation>msg/s</translation>
    </message>
</context>
</TS>
