#include "labels.hpp"

#include <QCoreApplication>

namespace shmscope::widgets::labels {

QString role(ProcessRole role) {
    switch (role) {
    case ProcessRole::Producer:
        return QCoreApplication::translate("labels", "producer");
    case ProcessRole::Consumer:
        return QCoreApplication::translate("labels", "consumer");
    case ProcessRole::Unknown:
        break;
    }
    return QCoreApplication::translate("labels", "unknown");
}

QString bridge(ProcessRole role) {
    // shmscope-bridge send reads its channel as a consumer; receive writes as a producer.
    if (role == ProcessRole::Consumer)
        return QCoreApplication::translate("labels", "bridge (send)");
    if (role == ProcessRole::Producer)
        return QCoreApplication::translate("labels", "bridge (receive)");
    return QCoreApplication::translate("labels", "bridge");
}

QString activity(ProcessActivity activity) {
    switch (activity) {
    case ProcessActivity::Starting:
        return QCoreApplication::translate("labels", "starting");
    case ProcessActivity::Running:
        return QCoreApplication::translate("labels", "running");
    case ProcessActivity::Paused:
        return QCoreApplication::translate("labels", "paused");
    case ProcessActivity::BlockedNoSlot:
        return QCoreApplication::translate("labels", "blocked (no free slot)");
    case ProcessActivity::BlockedNoData:
        return QCoreApplication::translate("labels", "blocked (no data)");
    case ProcessActivity::WaitingLock:
        return QCoreApplication::translate("labels", "waiting for lock");
    case ProcessActivity::InCriticalSection:
        return QCoreApplication::translate("labels", "in critical section");
    case ProcessActivity::Exiting:
        return QCoreApplication::translate("labels", "exiting");
    case ProcessActivity::Writing:
        return QCoreApplication::translate("labels", "writing");
    case ProcessActivity::Reading:
        return QCoreApplication::translate("labels", "reading");
    }
    return {};
}

QString slot(SlotKind kind) {
    switch (kind) {
    case SlotKind::Free:
        return QCoreApplication::translate("labels", "free");
    case SlotKind::Writing:
        return QCoreApplication::translate("labels", "being written");
    case SlotKind::Ready:
        return QCoreApplication::translate("labels", "ready");
    case SlotKind::Reading:
        return QCoreApplication::translate("labels", "being read");
    case SlotKind::Abandoned:
        return QCoreApplication::translate("labels", "abandoned");
    }
    return {};
}

} // namespace shmscope::widgets::labels
