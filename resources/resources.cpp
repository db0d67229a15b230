// The resources library carries icons and translations only; this file gives it a translation
// unit so that it links like any other library.
namespace shmscope::resources {
[[maybe_unused]] constexpr int kResourcesVersion = 1;
}
