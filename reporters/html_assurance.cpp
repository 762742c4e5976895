#include "reporters/html_assurance.h"

#include "reporters/text_safety.h"

namespace gpc::reporters {

std::string signerHtml(const SignerDescription& signer) {
  std::string out = "<p class=\"digest\" id=\"signer\">Signed: <code>manifest.json</code> beside this report lists the "
                    "SHA-256 of every report file and is signed in <code>manifest.sig</code> (" +
                    htmlEscape(signer.algorithm) + ", " + htmlEscape(signer.format) + ") by the key with SHA-256 <code>" +
                    htmlEscape(signer.keySha256) + "</code>";
  if (!signer.certificateSubject.empty()) out += ", certificate <code>" + htmlEscape(signer.certificateSubject) + "</code>";
  out += ".<br>To verify, run <code>gpc-assure verify-report DIR --pubkey KEY</code> (or <code>--cert CERT</code>). "
         "The manifest is written after this file, so its own digest is printed by that command, not shown here.</p>\n";
  return out;
}

}  // namespace gpc::reporters
