#pragma once
// Which `{names}` can exist, known before a run: used to reject typos at load time.

#include <string_view>

namespace gpc {

// trace_id, uuid, now, today, today+3d / today-2y (d, m, y), generated.nhs_number[.LABEL].
bool isBuiltinVariable(std::string_view name);
// A path into the target file (patients.patient2.nhsNumber, asid.provider, ...): only the first
// segment can be checked before the target is known.
bool isTargetVariable(std::string_view name);

}  // namespace gpc
