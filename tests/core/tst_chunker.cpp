// Chunked messages end to end in one process (no ring needed: chunker output goes straight into
// the reassembler): sizes around slot boundaries up to 256 MiB, every codec and payload kind,
// interleaved producers.
#include "chunk_test_support.hpp"

#include <QTest>
#include <array>
#include <cstring>
#include <vector>

using namespace shmscope;
using namespace chunk_test;

Q_DECLARE_METATYPE(shmscope::CompressMode)
Q_DECLARE_METATYPE(shmscope::PayloadKind)

class tst_Chunker : public QObject {
    Q_OBJECT
private slots:
    void roundTrip_data();
    void roundTrip();
    void zeroCopyInto();
    void hugeMessageVerifyOnly_data();
    void hugeMessageVerifyOnly();
    void interleavedProducers();
    void rejectsBadConfig();
    void singleMatchesBeginNext_data();
    void singleMatchesBeginNext();
};

void tst_Chunker::roundTrip_data() {
    QTest::addColumn<CompressMode>("mode");
    QTest::addColumn<PayloadKind>("kind");
    QTest::addColumn<quint64>("bytes");
    const std::array<CompressMode, 4> modes = {CompressMode::None, CompressMode::Lz4,
                                               CompressMode::Zstd, CompressMode::Auto};
    const std::array<PayloadKind, 4> kinds = {PayloadKind::Random, PayloadKind::Text,
                                              PayloadKind::Zeros, PayloadKind::Sensor};
    const std::array<quint64, 8> sizes = {
        1, 63, 64, 65, kSlotBytes - 1, kSlotBytes, kSlotBytes + 1, 5 * kSlotBytes + 17};
    for (CompressMode mode : modes)
        for (PayloadKind kind : kinds)
            for (quint64 bytes : sizes)
                QTest::addRow("%s/%s/%llu", compressModeName(mode).data(),
                              payloadKindName(kind).data(), bytes)
                    << mode << kind << bytes;
}

void tst_Chunker::roundTrip() {
    QFETCH(CompressMode, mode);
    QFETCH(PayloadKind, kind);
    QFETCH(quint64, bytes);
    PayloadPool& pool = poolFor(kind);
    const std::uint64_t start = pool.randomStart();
    Chunker chunker = makeChunker(mode);
    Reassembler reassembler = makeReassembler(false);
    QVERIFY(chunker
                .begin(identity(1, 1, 1), bytes,
                       [&pool, start](std::uint64_t offset, std::size_t n) {
                           return pool.window(start, offset, n);
                       })
                .ok());
    const std::uint64_t expectedChunks = (bytes + kSlotBytes - 1) / kSlotBytes;
    QCOMPARE(chunker.chunkCount(), std::uint32_t(expectedChunks));
    ChunkOutcome outcome = ChunkOutcome::Corrupt;
    std::uint64_t compressedChunks = 0;
    while (!chunker.done()) {
        Result<Chunk> chunk = chunker.next();
        QVERIFY(chunk.ok());
        QVERIFY(chunk->payload.size() <= kSlotBytes);
        const bool chunkCompressed = (chunk->header.flags & kMsgCompressed) != 0;
        if (chunkCompressed)
            ++compressedChunks;
        // What a user would notice: text and zeros shrink under a fixed codec.
        const std::uint64_t slice =
            std::min<std::uint64_t>(kSlotBytes, bytes - chunk->header.chunk_index * kSlotBytes);
        if ((mode == CompressMode::Lz4 || mode == CompressMode::Zstd) &&
            (kind == PayloadKind::Zeros || kind == PayloadKind::Text) && slice >= 4096)
            QVERIFY(chunkCompressed);
        Result<ChunkOutcome> accepted = reassembler.accept(chunk->header, chunk->payload);
        QVERIFY(accepted.ok());
        outcome = *accepted;
        QCOMPARE(outcome, chunker.done() ? ChunkOutcome::Completed : ChunkOutcome::Accepted);
    }
    const CompletedMessage& message = reassembler.completed();
    QCOMPARE(message.totalBytes, bytes);
    QCOMPARE(message.header.sequence, quint64(1));
    QCOMPARE(message.bytes.size(), std::size_t(bytes));
    // Compare against the pool in window-sized pieces (the message may wrap around the pool).
    for (std::uint64_t offset = 0; offset < bytes; offset += kSlotBytes) {
        const auto n =
            static_cast<std::size_t>(std::min<std::uint64_t>(kSlotBytes, bytes - offset));
        QVERIFY(std::memcmp(message.bytes.data() + offset, pool.window(start, offset, n).data(),
                            n) == 0);
    }
    const ChunkCounters produced = chunker.takeCounters();
    const ChunkCounters consumed = reassembler.takeCounters();
    QCOMPARE(produced.chunks, expectedChunks);
    QCOMPARE(consumed.chunks, expectedChunks);
    QCOMPARE(consumed.reassembled, quint64(expectedChunks > 1 ? 1 : 0));
    QCOMPARE(consumed.corrupt, quint64(0));
    QCOMPARE(consumed.bytesCompressed,
             produced.bytesCompressed - (produced.bytesUncompressed - consumed.bytesUncompressed));
    if (kind == PayloadKind::Random && bytes >= 64)
        QCOMPARE(compressedChunks, quint64(0));
    QCOMPARE(reassembler.partialMessages(), std::size_t(0));
}

void tst_Chunker::zeroCopyInto() {
    Chunker chunker = makeChunker(CompressMode::Lz4);
    Reassembler reassembler = makeReassembler(false);
    PayloadPool& pool = poolFor(PayloadKind::Sensor);
    const std::uint64_t start = pool.randomStart();
    const std::uint64_t bytes = 3 * kSlotBytes + 1000;
    QVERIFY(chunker
                .begin(identity(0, 2, 5), bytes,
                       [&pool, start](std::uint64_t offset, std::size_t n) {
                           return pool.window(start, offset, n);
                       })
                .ok());
    std::vector<std::byte> slot(kSlotBytes);
    while (!chunker.done()) {
        Result<MessageHeader> header = chunker.nextInto(slot);
        QVERIFY(header.ok());
        QVERIFY(reassembler.accept(*header, slot).ok());
    }
    QCOMPARE(reassembler.completed().bytes.size(), std::size_t(bytes));
    QVERIFY(std::memcmp(reassembler.completed().bytes.data(),
                        pool.window(start, 0, kSlotBytes).data(), kSlotBytes) == 0);
}

void tst_Chunker::hugeMessageVerifyOnly_data() {
    QTest::addColumn<CompressMode>("mode");
    QTest::addColumn<PayloadKind>("kind");
    for (CompressMode mode :
         {CompressMode::None, CompressMode::Lz4, CompressMode::Zstd, CompressMode::Auto})
        for (PayloadKind kind : {PayloadKind::Random, PayloadKind::Text})
            QTest::addRow("%s/%s", compressModeName(mode).data(), payloadKindName(kind).data())
                << mode << kind;
}

void tst_Chunker::hugeMessageVerifyOnly() {
    // 256 MiB through 4 MiB slots, bigger than the 64 MiB pool (it wraps) and never held whole.
    QFETCH(CompressMode, mode);
    QFETCH(PayloadKind, kind);
    constexpr std::uint64_t kHugeSlot = 4 * MiB;
    constexpr std::uint64_t kHugeBytes = 256 * MiB;
    Chunker chunker = makeChunker(mode, kHugeSlot);
    Reassembler reassembler = makeReassembler(true, kHugeSlot, kHugeBytes);
    QVERIFY(chunker.begin(identity(9, 1, 1), kHugeBytes, poolFor(kind).messageSource(kHugeBytes)).ok());
    QCOMPARE(chunker.chunkCount(), 64u);
    while (!chunker.done()) {
        Result<Chunk> chunk = chunker.next();
        QVERIFY(chunk.ok());
        Result<ChunkOutcome> outcome = reassembler.accept(chunk->header, chunk->payload);
        QVERIFY(outcome.ok());
        QVERIFY(*outcome == (chunker.done() ? ChunkOutcome::Completed : ChunkOutcome::Accepted));
    }
    QCOMPARE(reassembler.completed().totalBytes, kHugeBytes);
    QVERIFY(reassembler.completed().bytes.empty());
    const ChunkCounters counters = reassembler.takeCounters();
    QCOMPARE(counters.chunks, quint64(64));
    QCOMPARE(counters.reassembled, quint64(1));
    QCOMPARE(counters.corrupt, quint64(0));
}

void tst_Chunker::interleavedProducers() {
    struct Producer {
        std::uint32_t record;
        CompressMode mode;
        PayloadKind kind;
        std::uint64_t bytes;
    };
    const std::array<Producer, 3> producers = {
        {{0, CompressMode::None, PayloadKind::Random, 5 * kSlotBytes + 3},
         {5, CompressMode::Lz4, PayloadKind::Text, 3 * kSlotBytes},
         {63, CompressMode::Zstd, PayloadKind::Sensor, 7 * kSlotBytes - 1}}};
    std::vector<std::vector<SlotCopy>> streams;
    std::vector<std::uint64_t> starts;
    for (const Producer& producer : producers) {
        Chunker chunker = makeChunker(producer.mode);
        PayloadPool& pool = poolFor(producer.kind);
        const std::uint64_t start = pool.randomStart();
        starts.push_back(start);
        streams.push_back(chunksOf(chunker, identity(producer.record, 1, 1), producer.bytes,
                                   [&pool, start](std::uint64_t offset, std::size_t n) {
                                       return pool.window(start, offset, n);
                                   }));
    }
    Reassembler reassembler = makeReassembler(false);
    int completed = 0;
    for (std::size_t round = 0; round < 7; ++round) {
        for (std::size_t p = 0; p < producers.size(); ++p) {
            if (round >= streams[p].size())
                continue;
            const SlotCopy& chunk = streams[p][round];
            Result<ChunkOutcome> outcome = reassembler.accept(chunk.header, chunk.payload);
            QVERIFY(outcome.ok());
            if (*outcome != ChunkOutcome::Completed) {
                QCOMPARE(*outcome, ChunkOutcome::Accepted);
                continue;
            }
            ++completed;
            const CompletedMessage& message = reassembler.completed();
            QCOMPARE(message.header.producer_record, producers[p].record);
            QCOMPARE(message.bytes.size(), std::size_t(producers[p].bytes));
            PayloadPool& pool = poolFor(producers[p].kind);
            for (std::uint64_t offset = 0; offset < producers[p].bytes; offset += kSlotBytes) {
                const auto n =
                    static_cast<std::size_t>(std::min(kSlotBytes, producers[p].bytes - offset));
                QVERIFY(std::memcmp(message.bytes.data() + offset,
                                    pool.window(starts[p], offset, n).data(), n) == 0);
            }
        }
    }
    QCOMPARE(completed, 3);
    QCOMPARE(reassembler.takeCounters().reassembled, quint64(3));
}

// Each case: a valid 4-chunk message, chunks 0 and 1 accepted, then chunk 2 tampered with.
void tst_Chunker::rejectsBadConfig() {
    ChunkerConfig config;
    config.chunkBytes = 100; // not a multiple of 64
    QCOMPARE(Chunker::create(config).error().code, ErrorCode::Usage);
    config.chunkBytes = kSlotBytes;
    Result<Chunker> chunker = Chunker::create(config);
    QVERIFY(chunker.ok());
    QVERIFY(
        !chunker->begin(identity(0, 1, 1), 0, poolFor(PayloadKind::Zeros).messageSource(0)).ok());
    QVERIFY(!chunker
                 ->begin(identity(0, 1, 1), kMaxMessageBytes + 1,
                         poolFor(PayloadKind::Zeros).messageSource(kMaxMessageBytes + 1))
                 .ok());
    ReassemblerConfig reassemblerConfig;
    reassemblerConfig.chunkBytes = kSlotBytes;
    reassemblerConfig.maxMessageBytes = 0;
    QCOMPARE(Reassembler::create(reassemblerConfig).error().code, ErrorCode::Usage);
}

void tst_Chunker::singleMatchesBeginNext_data() {
    QTest::addColumn<quint64>("bytes");
    for (quint64 bytes : {quint64{1}, quint64{63}, quint64{64}, quint64{kSlotBytes - 1}, quint64{kSlotBytes}})
        QTest::addRow("%llu", bytes) << bytes;
}

// The small-message path makes the header begin() + next() would, and a reassembler takes it
// whole; it refuses what does not fit one raw chunk.
void tst_Chunker::singleMatchesBeginNext() {
    QFETCH(quint64, bytes);
    const std::span<const std::byte> payload = poolFor(PayloadKind::Random).next(bytes);
    Chunker general = makeChunker(CompressMode::None);
    QVERIFY(general.begin(identity(4, 2, 9), bytes, [payload](std::uint64_t offset, std::size_t n) {
        return payload.subspan(offset, n);
    }).ok());
    Result<Chunk> chunk = general.next();
    QVERIFY(chunk.ok());
    Chunker small = makeChunker(CompressMode::None);
    QVERIFY(small.singleFits(bytes));
    Result<MessageHeader> header = small.single(identity(4, 2, 9), payload);
    QVERIFY(header.ok());
    QCOMPARE(std::memcmp(&*header, &chunk->header, sizeof(MessageHeader)), 0);
    QCOMPARE(small.takeCounters().chunks, 1u);

    Reassembler reassembler = makeReassembler(false);
    Result<ChunkOutcome> outcome = reassembler.accept(*header, payload);
    QVERIFY(outcome.ok());
    QCOMPARE(*outcome, ChunkOutcome::Completed);
    QCOMPARE(reassembler.completed().totalBytes, bytes);
    QVERIFY(std::equal(payload.begin(), payload.end(), reassembler.completed().bytes.begin()));
    MessageHeader tampered = *header;
    tampered.message_checksum ^= 1;
    outcome = reassembler.accept(tampered, payload);
    QVERIFY(outcome.ok());
    QCOMPARE(*outcome, ChunkOutcome::Corrupt);

    QVERIFY(!small.singleFits(kSlotBytes + 1));
    QVERIFY(!small.singleFits(0));
    QCOMPARE(small.single(identity(4, 2, 10), {}).error().code, ErrorCode::Usage);
    QVERIFY(!makeChunker(CompressMode::Lz4).singleFits(bytes));
}

QTEST_APPLESS_MAIN(tst_Chunker)
#include "tst_chunker.moc"
