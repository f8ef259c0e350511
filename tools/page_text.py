"""Neutral visible-text dump of a saved HTML page for annotators (not the extractor)."""
import re
import sys

import lxml.html

BLOCK = {'p','div','br','li','tr','h1','h2','h3','h4','h5','h6','table','section','article','ul','ol','dd','dt','td','th','title'}
def dump(path):
    root = lxml.html.fromstring(open(path,'rb').read())
    for bad in root.xpath('//script|//style|//noscript'):
        bad.drop_tree()
    out=[]
    def walk(el):
        if not isinstance(el.tag,str): 
            if el.tail: out.append(el.tail)
            return
        tag=el.tag.lower()
        if tag in BLOCK: out.append('\n')
        if el.text: out.append(el.text)
        for c in el: walk(c)
        if tag in ('td','th'): out.append('\t')
        if tag in BLOCK: out.append('\n')
        if el.tail: out.append(el.tail)
    walk(root)
    s=''.join(out).replace('\xa0',' ')
    lines=[re.sub(r'[ \t\u3000]+$','',l) for l in s.split('\n')]
    s='\n'.join(l for l in lines if l.strip())
    return s
if __name__=='__main__':
    print(dump(sys.argv[1]))
