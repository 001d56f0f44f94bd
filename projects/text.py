"""Writing systems in catalog text, shared by the admin's search fields and the public search's matching."""

import re

# A run of Chinese, Japanese or Korean characters: written without spaces, so words are not split on them.
CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]+")
