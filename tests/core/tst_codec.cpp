// Chunk codecs: round trips over codecs and payload kinds, "store raw when it does not shrink",
// decoding that rejects hostile input without writing outside its buffer, and the auto policy.
#include "shmscope/codec.hpp"
#include "shmscope/params.hpp"
#include "shmscope/payload.hpp"

#include <QTest>
#include <array>
#include <cstring>
#include <map>
#include <vector>

using namespace shmscope;

Q_DECLARE_METATYPE(shmscope::CodecKind)
Q_DECLARE_METATYPE(shmscope::PayloadKind)

namespace {

constexpr std::size_t kGuardBytes = 256;
constexpr std::byte kGuard{0xA5};

// One pool per kind for the whole test (generating 64 MiB is not free).
PayloadPool& poolFor(PayloadKind kind) {
    static std::map<PayloadKind, PayloadPool> pools;
    auto found = pools.find(kind);
    if (found == pools.end()) {
        Result<PayloadPool> pool = PayloadPool::create(kind, 42, 16 * MiB);
        if (!pool)
            qFatal("%s", pool.error().message.c_str());
        found = pools.emplace(kind, std::move(*pool)).first;
    }
    return found->second;
}

std::vector<std::byte> compressed(ChunkCodec& codec, CodecKind kind,
                                  std::span<const std::byte> input) {
    std::vector<std::byte> output(input.size());
    const EncodedChunk encoded = codec.encode(kind, input, output);
    if (!encoded.compressed)
        qFatal("expected the input to compress");
    output.resize(encoded.storedBytes);
    return output;
}

} // namespace

class tst_Codec : public QObject {
    Q_OBJECT
private slots:
    void names();
    void roundTrip_data();
    void roundTrip();
    void outputBoundedBySlot();
    void decodeRejectsHostileInput_data();
    void decodeRejectsHostileInput();
    void autoKeepsCompressingWhileItPays();
    void autoProbesRarelyWhenItDoesNotPay();
    void autoResumesWhenAProbePays();
};

void tst_Codec::names() {
    QCOMPARE(parseCompressMode("zstd"), std::optional(CompressMode::Zstd));
    QCOMPARE(parseCompressMode("auto"), std::optional(CompressMode::Auto));
    QVERIFY(!parseCompressMode("gzip"));
    QCOMPARE(compressModeName(CompressMode::Lz4), std::string_view("lz4"));
    QCOMPARE(parsePayloadKind("sensor"), std::optional(PayloadKind::Sensor));
    QVERIFY(!parsePayloadKind("noise"));
}

void tst_Codec::roundTrip_data() {
    QTest::addColumn<CodecKind>("codec");
    QTest::addColumn<int>("level");
    QTest::addColumn<PayloadKind>("kind");
    QTest::addColumn<quint64>("bytes");
    const std::array<std::pair<const char*, std::pair<CodecKind, int>>, 3> codecs = {
        {{"lz4", {CodecKind::Lz4, 0}},
         {"zstd-1", {CodecKind::Zstd, 1}},
         {"zstd-3", {CodecKind::Zstd, 3}}}};
    const std::array<PayloadKind, 4> kinds = {PayloadKind::Random, PayloadKind::Text,
                                              PayloadKind::Zeros, PayloadKind::Sensor};
    const std::array<quint64, 7> sizes = {1, 63, 64, 65, 4 * KiB, 1 * MiB, 1 * MiB + 64};
    for (const auto& [codecName, codec] : codecs)
        for (PayloadKind kind : kinds)
            for (quint64 bytes : sizes)
                QTest::addRow("%s/%s/%llu", codecName, payloadKindName(kind).data(), bytes)
                    << codec.first << codec.second << kind << bytes;
}

void tst_Codec::roundTrip() {
    QFETCH(CodecKind, codec);
    QFETCH(int, level);
    QFETCH(PayloadKind, kind);
    QFETCH(quint64, bytes);
    ChunkCodec chunkCodec(level == 0 ? kDefaultZstdLevel : level);
    const std::span<const std::byte> input = poolFor(kind).next(bytes);
    QCOMPARE(input.size(), std::size_t(bytes));

    std::vector<std::byte> output(bytes + kGuardBytes, kGuard);
    const EncodedChunk encoded = chunkCodec.encode(codec, input, std::span(output).first(bytes));
    QVERIFY(encoded.storedBytes <= bytes);
    for (std::size_t i = bytes; i < output.size(); ++i)
        QCOMPARE(output[i], kGuard);

    if (!encoded.compressed) {
        QCOMPARE(encoded.storedBytes, std::size_t(bytes));
        QVERIFY(std::memcmp(output.data(), input.data(), bytes) == 0);
    } else {
        QVERIFY(encoded.storedBytes < bytes); // flagged compressed only when it shrank
        std::vector<std::byte> decoded(bytes + kGuardBytes, kGuard);
        std::uint64_t codecNs = 0;
        const Status status = chunkCodec.decode(std::span(output).first(encoded.storedBytes),
                                                std::span(decoded).first(bytes), codecNs);
        QVERIFY2(status.ok(), status.ok() ? "" : status.error().message.c_str());
        QVERIFY(std::memcmp(decoded.data(), input.data(), bytes) == 0);
        for (std::size_t i = bytes; i < decoded.size(); ++i)
            QCOMPARE(decoded[i], kGuard);
    }
    // What a user would notice: random data is never "compressed", zeros and text always are.
    if (kind == PayloadKind::Random && bytes >= 64)
        QVERIFY(!encoded.compressed);
    if ((kind == PayloadKind::Zeros || kind == PayloadKind::Text) && bytes >= 4 * KiB) {
        QVERIFY(encoded.compressed);
        QVERIFY(encoded.storedBytes < bytes / 2);
    }
}

void tst_Codec::outputBoundedBySlot() {
    // Incompressible input falls back to a raw copy of exactly the input: nothing beyond it.
    ChunkCodec codec;
    const std::span<const std::byte> input = poolFor(PayloadKind::Random).next(64 * KiB);
    std::vector<std::byte> output(input.size() + kGuardBytes, kGuard);
    for (CodecKind kind : {CodecKind::Lz4, CodecKind::Zstd}) {
        const EncodedChunk encoded =
            codec.encode(kind, input, std::span(output).first(input.size()));
        QVERIFY(!encoded.compressed);
        for (std::size_t i = input.size(); i < output.size(); ++i)
            QCOMPARE(output[i], kGuard);
    }
}

void tst_Codec::decodeRejectsHostileInput_data() {
    QTest::addColumn<int>("attack");
    QTest::newRow("prefix only") << 0;
    QTest::newRow("unknown codec") << 1;
    QTest::newRow("prefix claims another size") << 2;
    QTest::newRow("lz4 truncated") << 3;
    QTest::newRow("zstd truncated") << 4;
    QTest::newRow("garbage lz4") << 5;
    QTest::newRow("garbage zstd") << 6;
    QTest::newRow("lz4 bomb: 16 MiB of zeros declared as 64 KiB") << 7;
    QTest::newRow("zstd bomb: 16 MiB of zeros declared as 64 KiB") << 8;
    QTest::newRow("prefix claims 4 GiB") << 9;
}

void tst_Codec::decodeRejectsHostileInput() {
    QFETCH(int, attack);
    constexpr std::size_t kExpected = 64 * KiB;
    ChunkCodec codec;
    const std::span<const std::byte> text = poolFor(PayloadKind::Text).next(kExpected);
    std::vector<std::byte> input;
    const auto setPrefix = [&input](std::uint32_t codecId, std::uint32_t bytes) {
        const CompressedChunkPrefix prefix{codecId, bytes};
        std::memcpy(input.data(), &prefix, sizeof prefix);
    };
    const auto bomb = [&codec](CodecKind kind) {
        const std::vector<std::byte> zeros(16 * MiB);
        return compressed(codec, kind, zeros);
    };
    switch (attack) {
    case 0:
        input.resize(kCompressedPrefixBytes);
        setPrefix(1, kExpected);
        break;
    case 1:
        input = compressed(codec, CodecKind::Lz4, text);
        setPrefix(7, kExpected);
        break;
    case 2:
        input = compressed(codec, CodecKind::Lz4, text);
        setPrefix(1, kExpected - 1);
        break;
    case 3:
        input = compressed(codec, CodecKind::Lz4, text);
        input.resize(input.size() / 2);
        break;
    case 4:
        input = compressed(codec, CodecKind::Zstd, text);
        input.resize(input.size() - 9);
        break;
    case 5:
    case 6:
        input.assign(4096, std::byte{0x3C});
        setPrefix(attack == 5 ? 1 : 2, kExpected);
        break;
    case 7:
        input = bomb(CodecKind::Lz4);
        setPrefix(1, kExpected);
        break;
    case 8:
        input = bomb(CodecKind::Zstd);
        setPrefix(2, kExpected);
        break;
    case 9:
        input = compressed(codec, CodecKind::Zstd, text);
        setPrefix(2, 0xFFFFFFFFu);
        break;
    default:
        QFAIL("unknown attack");
    }
    std::vector<std::byte> output(kExpected + kGuardBytes, kGuard);
    std::uint64_t codecNs = 0;
    const Status status = codec.decode(input, std::span(output).first(kExpected), codecNs);
    QVERIFY(!status.ok());
    QCOMPARE(status.error().code, ErrorCode::Corrupt);
    for (std::size_t i = kExpected; i < output.size(); ++i)
        QCOMPARE(output[i], kGuard);
}

void tst_Codec::autoKeepsCompressingWhileItPays() {
    // A slow transport (1 byte/ns): saving 900 KiB saves ~0.9 ms, far more than 1 µs of codec.
    AutoCompressPolicy policy;
    for (int i = 0; i < 1000; ++i) {
        QVERIFY(policy.shouldCompress(MiB));
        policy.recordCodec(MiB, 100 * KiB, 1000);
        policy.recordTransport(100 * KiB, 100 * KiB);
    }
    QVERIFY(policy.inputs().compressing);
    QCOMPARE(policy.inputs().probes, quint64(0));
    QCOMPARE(policy.inputs().codecBytes, policy.inputs().totalBytes);
}

void tst_Codec::autoProbesRarelyWhenItDoesNotPay() {
    // A fast transport (1 MiB per ns): no saving pays for 100 µs of codec time.
    AutoCompressPolicy policy;
    std::uint64_t codecBytes = 0;
    std::uint64_t previousGap = 0;
    int gapIncreases = 0;
    constexpr int kChunks = 200'000; // 195 GiB of 1 MiB chunks
    for (int i = 0; i < kChunks; ++i) {
        const bool compress = policy.shouldCompress(MiB);
        if (compress) {
            codecBytes += MiB;
            policy.recordCodec(MiB, MiB / 2, 100'000);
        }
        policy.recordTransport(compress ? MiB / 2 : MiB, 1);
        if (policy.inputs().probeGapBytes > previousGap) {
            ++gapIncreases;
            previousGap = policy.inputs().probeGapBytes;
        }
    }
    const AutoCompressInputs& inputs = policy.inputs();
    QVERIFY(!inputs.compressing);
    QVERIFY(inputs.probes >= 1);
    QCOMPARE(inputs.codecBytes, codecBytes);
    // The first chunk (the optimistic start) plus probes: within 0.5 % of all bytes.
    QVERIFY2(double(codecBytes - MiB) <= kAutoProbeFraction * double(inputs.totalBytes),
             qPrintable(QString::number(codecBytes)));
    QVERIFY(gapIncreases >= 2); // exponential back-off
    QCOMPARE(inputs.lastBytesIn, quint64(MiB));
    QCOMPARE(inputs.lastBytesOut, quint64(MiB / 2));
    QCOMPARE(inputs.lastCodecNs, quint64(100'000));
}

void tst_Codec::autoResumesWhenAProbePays() {
    AutoCompressPolicy policy;
    QVERIFY(policy.shouldCompress(MiB));
    policy.recordTransport(MiB, 1); // fast: does not pay
    policy.recordCodec(MiB, MiB / 2, 100'000);
    QVERIFY(!policy.inputs().compressing);
    policy.recordTransport(MiB, 10'000'000); // the transport became slow (0.1 byte/ns average)
    for (int i = 0; i < 100'000 && !policy.inputs().compressing; ++i) {
        if (policy.shouldCompress(MiB))
            policy.recordCodec(MiB, MiB / 2, 100'000);
        policy.recordTransport(MiB, 10'000'000);
    }
    QVERIFY(policy.inputs().compressing);
}

QTEST_APPLESS_MAIN(tst_Codec)
#include "tst_codec.moc"
